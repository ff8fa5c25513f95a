package io.supportagent.platform.web;

import java.util.List;

/**
 * One page of a list answer, Stripe-style: {@code {"object":"list","data":[...],"has_more":true,"url":"/v1/..."}}.
 * Lists are newest first; the next page starts after the last id of this one ({@code starting_after}).
 */
public record ListPage<T>(String object, List<T> data, boolean hasMore, String url) {

    /** A page from rows fetched with {@code limit + 1}: the extra row only tells that there is more. */
    public static <T> ListPage<T> of(List<T> fetched, int limit, String url) {
        boolean more = fetched.size() > limit;
        return new ListPage<>("list", more ? List.copyOf(fetched.subList(0, limit)) : List.copyOf(fetched), more, url);
    }
}
