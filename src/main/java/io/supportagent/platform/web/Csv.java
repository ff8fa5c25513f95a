package io.supportagent.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Answers that may be CSV as well as JSON: which of the two a client asks for. */
public final class Csv {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private Csv() {}

    /**
     * Whether the {@code Accept} header prefers CSV to JSON: CSV is acceptable and comes before JSON by quality, then
     * by order. A client that accepts both ({@code application/json, text/csv}, as generated clients send for an
     * operation with both) gets JSON, as does one that sends no Accept or {@code *}{@code /*}.
     */
    public static boolean preferred(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        // Stable: of equal quality, the client's order.
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
            if (type.isCompatibleWith(TEXT_CSV) && !type.isWildcardType()) {
                return true;
            }
            if (type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }
}
