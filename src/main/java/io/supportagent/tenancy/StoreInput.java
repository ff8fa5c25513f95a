package io.supportagent.tenancy;

import io.supportagent.platform.InvalidRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A store's fields as people type them (the dashboard's form), checked by the same rules as the API's: a name, an
 * optional domain, and allowed origins as browsers send them (scheme, host, optional port), one per line.
 */
public final class StoreInput {

    private StoreInput() {}

    public record Checked(String name, String domain, List<String> allowedOrigins) {}

    public static Checked check(String name, String domain, String originsOnePerLine) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            errors.put("name", "must be 1 to 200 characters");
        }
        String cleanDomain =
                domain == null || domain.isBlank() ? null : domain.strip().toLowerCase(Locale.ROOT);
        if (cleanDomain != null && !cleanDomain.matches(StoreController.DOMAIN)) {
            errors.put("domain", "must be a host name such as shop.example.com");
        }
        List<String> lines = originsOnePerLine == null
                ? List.of()
                : Arrays.stream(originsOnePerLine.split("\\R"))
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .toList();
        if (lines.size() > StoreController.MAX_ORIGINS) {
            errors.put("allowed_origins", "at most " + StoreController.MAX_ORIGINS + " origins");
        }
        List<String> origins = List.of();
        try {
            origins = StoreController.origins(lines);
        } catch (InvalidRequest invalid) {
            List<String> wrong = lines.stream()
                    .filter(line -> {
                        try {
                            StoreController.origins(List.of(line));
                            return false;
                        } catch (InvalidRequest e) {
                            return true;
                        }
                    })
                    .toList();
            errors.put(
                    "allowed_origins", "not an origin such as https://shop.example.com: " + String.join(", ", wrong));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(
                    "Check the store's fields: "
                            + errors.entrySet().stream()
                                    .map(e -> e.getKey().replace('_', ' ') + " " + e.getValue())
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse("")
                            + ".",
                    errors);
        }
        return new Checked(name.strip(), cleanDomain, origins);
    }
}
