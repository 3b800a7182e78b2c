package kz.labour.reporting.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query plans of one run (plans/*.txt, EXPLAIN (ANALYZE, BUFFERS) per statement) as markdown:
 * for each statement its time, buffers and whether it ran in parallel, and for each index it read
 * the kind of scan, the entries read (rows kept plus rows removed by a filter) and the heap fetches.
 */
final class PlanSummary {

    private static final Pattern SCAN = Pattern.compile("(Parallel )?(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)"
            + "(?: using| on) (\\S+).*actual time=[0-9.]+\\.\\.[0-9.]+ rows=(\\d+) loops=(\\d+)");
    private static final Pattern REMOVED = Pattern.compile("Rows Removed by Filter: (\\d+)");
    private static final Pattern FETCHES = Pattern.compile("Heap Fetches: (\\d+)");

    private PlanSummary() {
    }

    static String of(Path plans) throws IOException {
        StringBuilder md = new StringBuilder();
        for (String mode : List.of("MONTH", "YEAR_TO_DATE")) {
            for (String form : List.of("1-MEIZhM", "2-OZh")) {
                Path file = plans.resolve(mode + "-" + form + ".txt");
                if (Files.exists(file)) {
                    statements(mode, Files.readString(file), md);
                }
            }
        }
        return md.toString();
    }

    private static void statements(String mode, String text, StringBuilder md) {
        String[] parts = text.split("(?m)^-- ");
        for (String part : parts) {
            if (part.isBlank()) {
                continue;
            }
            int eol = part.indexOf('\n');
            String title = part.substring(0, eol);
            List<String> lines = part.substring(eol + 1).lines().toList();
            String body = part.substring(eol + 1);
            Matcher exec = Pattern.compile("Execution Time: ([0-9.]+) ms").matcher(body);
            Matcher hits = Pattern.compile("Buffers: shared hit=(\\d+)").matcher(body);
            int paren = title.indexOf(" (");
            md.append("**").append(mode).append(" · `").append(paren < 0 ? title : title.substring(0, paren)).append("`**")
                    .append(paren < 0 ? "" : title.substring(paren)).append(": ")
                    .append(exec.find() ? exec.group(1) : "?").append(" ms, shared hit=")
                    .append(hits.find() ? hits.group(1) : "?").append(", parallel workers: ")
                    .append(body.contains("Workers Launched") ? "yes" : "no").append("\n\n")
                    .append("| index | scan | entries read | heap fetches |\n|---|---|---:|---:|\n");
            Map<String, long[]> scans = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = SCAN.matcher(lines.get(i));
                if (!m.find()) {
                    continue;
                }
                long loops = Long.parseLong(m.group(5));
                long entries = Long.parseLong(m.group(4)) * loops;
                long fetches = 0;
                for (int k = i + 1; k < Math.min(i + 8, lines.size()) && !lines.get(k).contains("->"); k++) {
                    Matcher r = REMOVED.matcher(lines.get(k));
                    if (r.find()) {
                        entries += Long.parseLong(r.group(1)) * loops;
                    }
                    Matcher h = FETCHES.matcher(lines.get(k));
                    if (h.find()) {
                        fetches += Long.parseLong(h.group(1));
                    }
                }
                String kind = (m.group(1) == null ? "" : "parallel ") + m.group(2).toLowerCase();
                long[] sum = scans.computeIfAbsent(m.group(3) + " | " + kind, k -> new long[2]);
                sum[0] += entries;
                sum[1] += fetches;
            }
            scans.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v[0]).append(" | ").append(v[1]).append(" |\n"));
            md.append('\n');
        }
    }
}
