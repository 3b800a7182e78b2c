package kz.labour.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the packages of src/main depend on each other, read from the compiled classes with the JDK's
 * jdeps. Features (the packages below kz.labour.reporting) use each other in one direction only; the
 * root package holds the entry point, which uses the features, and what every feature shares
 * (settings, exit codes, bad input, cause chains).
 */
class ArchitectureTest {

    static final String ROOT = "kz.labour.reporting";

    /** Class to the classes of the application it uses (nested classes counted as their outer class). */
    static Map<String, Set<String>> uses;

    @BeforeAll
    static void readDependencies() throws Exception {
        Path classes = Path.of(LabourReportingApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(System.err), "-verbose:class", "-filter:none",
                "-e", "kz\\.labour\\.reporting\\..*", classes.toString());
        assertThat(status).as("jdeps " + out).isZero();
        uses = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && words[0].startsWith(ROOT + ".") && words[2].startsWith(ROOT + ".")) {
                String from = outer(words[0]);
                String to = outer(words[2]);
                if (!from.equals(to)) {
                    uses.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        }
        assertThat(uses).as("jdeps found the classes").containsKey(ROOT + ".transmission.TransmissionService");
    }

    static String outer(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }

    static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    /** The feature a class belongs to: the first package below the root, or the root itself. */
    static String feature(String className) {
        String pkg = packageOf(className);
        if (pkg.equals(ROOT)) {
            return ROOT;
        }
        String below = pkg.substring(ROOT.length() + 1);
        return ROOT + "." + (below.contains(".") ? below.substring(0, below.indexOf('.')) : below);
    }

    @Test
    void featuresDependOnEachOtherInOneDirectionOnly() {
        Map<String, Set<String>> features = new TreeMap<>();
        uses.forEach((from, targets) -> targets.forEach(to -> {
            String a = feature(from);
            String b = feature(to);
            if (!a.equals(ROOT) && !b.equals(ROOT) && !a.equals(b)) {
                features.computeIfAbsent(a, k -> new TreeSet<>()).add(b);
            }
        }));
        assertThat(cycles(features)).as("feature packages in a cycle; dependencies: " + features).isEmpty();
    }

    @Test
    void noClassesOfDifferentPackagesDependOnEachOtherInACircle() {
        List<Set<String>> crossing = cycles(uses).stream()
                .filter(cycle -> cycle.stream().map(ArchitectureTest::packageOf).distinct().count() > 1).toList();
        assertThat(crossing).isEmpty();
    }

    /** The entry point: the application class and its one-shot start-up measures. */
    static final Set<String> ENTRY_POINT = Set.of(LabourReportingApplication.class.getName(), ROOT + ".OneShotStart");

    @Test
    void nothingDependsOnTheEntryPoint() {
        uses.forEach((from, targets) -> {
            if (!ENTRY_POINT.contains(from)) {
                assertThat(targets).as(from).doesNotContainAnyElementsOf(ENTRY_POINT);
            }
        });
    }

    /** The demo and its embedded servers are the source tree's (src/test), never the application's. */
    @Test
    void theApplicationHasNoDemo() {
        assertThat(uses.keySet()).noneMatch(c -> feature(c).equals(ROOT + ".demo"));
        uses.forEach((from, targets) -> assertThat(targets).as(from).noneMatch(to -> feature(to).equals(ROOT + ".demo")));
    }

    @Test
    void theSharedRootTypesUseNoFeatureButTheFormsOwnTypes() {
        uses.forEach((from, targets) -> {
            if (packageOf(from).equals(ROOT) && !ENTRY_POINT.contains(from)) {
                assertThat(targets).as(from).allMatch(to -> packageOf(to).equals(ROOT) || feature(to).equals(ROOT + ".form"));
            }
        });
    }

    /** The strongly connected groups of more than one node (Tarjan), each a set of nodes that reach each other. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> found = new ArrayList<>();
        Set<String> nodes = new TreeSet<>(graph.keySet());
        graph.values().forEach(nodes::addAll);
        for (String node : nodes) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> group = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                found.add(group);
            }
        }
    }
}
