package io.supportagent.knowledge;

import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.web.CleanText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Articles from an uploaded file, checked by the API's rules (a title of 1 to 300 characters, a body of 1 to 100,000,
 * an optional http(s) URL; at most {@value #MAX_ARTICLES} articles). The file's name says its format:
 *
 * <ul>
 *   <li>{@code .json}: an array of {@code {"title", "body", "url"}} objects, or {@code {"articles": [...]}};
 *   <li>{@code .csv}: a header row naming the columns {@code title}, {@code body} and optionally {@code url}, then one
 *       article per row (RFC 4180 quoting; a body may span lines inside quotes);
 *   <li>{@code .md}: one article per {@code # Title} heading, its body up to the next one; a first body line
 *       {@code URL: https://…} gives its URL.
 * </ul>
 *
 * Any wrong row makes the whole file refused with every wrong row named (rows as a spreadsheet numbers them, articles
 * of JSON from 1, Markdown by line), so that nothing is half imported.
 */
final class ArticleImport {

    static final int MAX_ARTICLES = 500;
    static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ArticleImport() {}

    /** One article as read, with where it was in the file. */
    private record Row(String where, String title, String body, String url) {}

    static List<NewArticle> parse(String fileName, byte[] content) {
        if (content == null || content.length == 0) {
            throw refused("The file is empty.", Map.of("file", "is empty"));
        }
        if (content.length > MAX_BYTES) {
            throw refused("The file is larger than 5 MB; split it.", Map.of("file", "at most 5 MB"));
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        String text = utf8(content);
        List<Row> rows;
        if (name.endsWith(".json")) {
            rows = json(text);
        } else if (name.endsWith(".csv")) {
            rows = csv(text);
        } else if (name.endsWith(".md") || name.endsWith(".markdown")) {
            rows = markdown(text);
        } else {
            throw refused(
                    "Upload a .json, .csv or .md file.", Map.of("file", "must end in .json, .csv, .md or .markdown"));
        }
        if (rows.isEmpty()) {
            throw refused("The file holds no article.", Map.of("file", "holds no article"));
        }
        if (rows.size() > MAX_ARTICLES) {
            throw refused(
                    "The file holds " + rows.size() + " articles; import at most " + MAX_ARTICLES + " at a time.",
                    Map.of("file", "at most " + MAX_ARTICLES + " articles"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        List<NewArticle> articles = new ArrayList<>();
        for (Row row : rows) {
            String title = row.title() == null ? "" : row.title().strip();
            String body = row.body() == null ? "" : row.body().strip();
            String url =
                    row.url() == null || row.url().isBlank() ? null : row.url().strip();
            List<String> wrong = problems(title, body, url);
            if (!wrong.isEmpty()) {
                errors.put(row.where(), String.join(", ", wrong));
            } else {
                articles.add(new NewArticle(title, body, url));
            }
        }
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("Nothing was imported: ")
                    .append(errors.size())
                    .append(errors.size() == 1 ? " row is" : " rows are")
                    .append(" wrong. ");
            errors.forEach((where, what) ->
                    message.append(where).append(": ").append(what).append(". "));
            throw refused(message.toString().strip(), errors);
        }
        return articles;
    }

    /** One article typed into a form, by the same rules; refused with what is wrong. */
    static NewArticle one(String title, String body, String url) {
        String t = title == null ? "" : title.strip();
        String b = body == null ? "" : body.strip();
        String u = url == null || url.isBlank() ? null : url.strip();
        List<String> wrong = problems(t, b, u);
        if (!wrong.isEmpty()) {
            String message = String.join(", ", wrong);
            throw refused(
                    Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".", Map.of("article", message));
        }
        return new NewArticle(t, b, u);
    }

    private static List<String> problems(String title, String body, String url) {
        List<String> wrong = new ArrayList<>();
        if (title.isEmpty()) {
            wrong.add("the title is missing");
        } else if (title.length() > 300) {
            wrong.add("the title is longer than 300 characters");
        }
        if (body.isEmpty()) {
            wrong.add("the body is missing");
        } else if (body.length() > 100_000) {
            wrong.add("the body is longer than 100,000 characters");
        }
        if (url != null && (url.length() > 2000 || !URL.matcher(url).matches())) {
            wrong.add("the URL is not an http(s) URL");
        }
        for (String text : new String[] {title, body, url}) {
            String unclean = CleanText.problem(text);
            if (unclean != null) {
                wrong.add("the text " + unclean);
                break;
            }
        }
        return wrong;
    }

    private static String utf8(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw refused("The file is not UTF-8 text.", Map.of("file", "must be UTF-8 text"));
        }
    }

    private static List<Row> json(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            // A nesting or size limit of the parser has no location.
            String where =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw refused("The file is not valid JSON" + where + ".", Map.of("file", "is not valid JSON"));
        }
        JsonNode list = root != null && root.isObject() ? root.get("articles") : root;
        if (list == null || !list.isArray()) {
            throw refused(
                    "The JSON must be an array of articles, or an object with an \"articles\" array.",
                    Map.of("file", "must be an array of {title, body, url}"));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String where = "Article " + (i + 1);
            if (!item.isObject()) {
                rows.add(new Row(where, null, null, null));
                continue;
            }
            rows.add(new Row(where, string(item, "title"), string(item, "body"), string(item, "url")));
        }
        return rows;
    }

    private static String string(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }

    private static List<Row> csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || !field.isEmpty()) {
                    record.add(field.toString());
                    records.add(record);
                    lines.add(recordLine);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
                line++;
                recordLine = line;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw refused(
                    "The CSV has a quote that is never closed (row starting on line " + recordLine + ").",
                    Map.of("Row " + recordLine, "a quoted field is never closed"));
        }
        if (any || !field.isEmpty()) {
            record.add(field.toString());
            records.add(record);
            lines.add(recordLine);
        }
        if (records.isEmpty()) {
            return List.of();
        }
        List<String> header = records.getFirst().stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .toList();
        int title = header.indexOf("title");
        int body = header.indexOf("body");
        int url = header.indexOf("url");
        if (title < 0 || body < 0) {
            throw refused(
                    "The CSV's first row must name the columns: title, body and optionally url.",
                    Map.of("Row 1", "must be the header: title,body,url"));
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> values = records.get(r);
            rows.add(new Row(
                    "Row " + lines.get(r),
                    cell(values, title),
                    cell(values, body),
                    url < 0 ? null : cell(values, url)));
        }
        return rows;
    }

    private static String cell(List<String> values, int index) {
        return index < values.size() ? values.get(index) : null;
    }

    private static List<Row> markdown(String text) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        String title = null;
        String url = null;
        int start = 0;
        StringBuilder body = new StringBuilder();
        boolean inFence = false;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : null;
            if (line != null && line.strip().startsWith("```")) {
                inFence = !inFence;
            }
            boolean heading = line != null && !inFence && line.startsWith("# ");
            if (line == null || heading) {
                if (title != null) {
                    rows.add(new Row("Line " + start, title, body.toString(), url));
                } else if (!body.toString().isBlank()) {
                    rows.add(new Row("Line 1", null, body.toString(), null));
                }
                if (line == null) {
                    break;
                }
                title = line.substring(2);
                url = null;
                start = i + 1;
                body.setLength(0);
                continue;
            }
            if (title != null
                    && url == null
                    && body.toString().isBlank()
                    && line.strip().toLowerCase(Locale.ROOT).startsWith("url:")) {
                url = line.strip().substring(4).strip();
                continue;
            }
            body.append(line).append('\n');
        }
        return rows;
    }

    private static InvalidRequest refused(String message, Map<String, String> errors) {
        return new InvalidRequest(message, errors);
    }
}
