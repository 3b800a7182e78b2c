package kz.labour.reporting.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;


import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.SpringApplication;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.LabourReportingApplication;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.explain.Explainer;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.ledger.Origin;
import kz.labour.reporting.quality.DeliveredHistory;
import kz.labour.reporting.quality.HistoryStore;
import kz.labour.reporting.quality.PeriodFigures;
import kz.labour.reporting.quality.PlausibilitySettings;
import kz.labour.reporting.quality.QualityChecks;
import kz.labour.reporting.signing.Signing;
import kz.labour.reporting.source.SourceQueries;
import kz.labour.reporting.source.SqlLibrary;
import kz.labour.reporting.transmission.FormBuilder;
import kz.labour.reporting.transmission.Job;
import kz.labour.reporting.transmission.Mode;
import kz.labour.reporting.transmission.TransmitRequest;

/**
 * The in-process part of the benchmark (bench/run.sh): for MONTH and YEAR_TO_DATE, each form built
 * through the pipeline's own code path, against the same SQL run bare over JDBC, against a
 * row-pulling peer; medians over repeated rounds, the variants of a round run in a shuffled order so
 * drift on a shared machine falls on all of them alike. Every variant's numbers are checked equal.
 *
 * <p>The application context is the real one (LabourReportingApplication, configuration from the
 * SOURCE_DB_* / PIPELINE_DB_* environment variables), started once per accumulation mode because
 * the mode is a deployment setting. Variants:
 * <ul>
 * <li>{@code pipeline}: {@code direct:build-form} with a dry-run Job: sqlParameters, the aggregation
 *     through {@link SourceQueries} on the source pool (one statement, which also counts the period's
 *     unsound source rows), FormTable,
 *     controls and the quality checks (plausibility over the form's history, cross-form) with the
 *     history delivered (on a clean period the source-checks statement does not run);</li>
 * <li>{@code pipeline-agg}: the route's aggregation step alone: the application's {@code sourceQueries}
 *     bean (the source pool) with the parameters sqlParameters gives;</li>
 * <li>{@code bare}: the aggregation statement on one open connection with the same session settings
 *     as the pipeline's pool (statement timeout, JIT off), bound by the same {@link SourceQueries}
 *     code but without pool or route, its rows read and their soundness checked;</li>
 * <li>{@code peer}: {@link RowPullingPeer} pulling the period's rows whole, the same numbers and
 *     source checks computed in the JVM;</li>
 * <li>{@code peer-lean}: the same peer selecting only the columns it needs;</li>
 * <li>{@code quality}: the route's step after the aggregation ({@code FormBuilder.aggregated}: layout,
 *     controls and the quality checks) on the period's aggregated rows, history delivered;</li>
 * <li>{@code quality-off}: the same step of a FormBuilder made from the same beans with the quality
 *     checks switched off ({@code reporting.plausibility.enabled=false}): layout and controls alone.
 *     {@code quality - quality-off}, paired by round, is the checks' own time.</li>
 * </ul>
 * The history "delivered" is what a monthly run reads: before the rounds the harness records the
 * previous periods of both forms in the pipeline database's delivered history ({@link DeliverHistory}),
 * and after a form's rounds that form's period, as a monthly run delivers
 * 1-MEIZhM before it builds 2-OZh. So 1-MEIZhM's cross-form rule builds 2-OZh's current period from
 * the source, 2-OZh's reads everything delivered. Informative, a few runs: {@code quality-source},
 * the same step with nothing delivered (a new deployment: every period of history built from the
 * source at the run's cut-off).
 * Also, informative, a few runs each: {@code checks}, the source-checks statement bare (what a
 * period with unsound rows costs on top, to name them); {@code bare-jit}, the aggregation on a
 * connection left at the server's JIT default; {@code explain-cell} and {@code explain-total},
 * the application's {@code explain} of one region's cell and of the total row (the form's largest
 * column), each answer checked against the built form.
 *
 * <p>Usage: {@code SqlBench OUT_DIR PERIOD AS_OF MONTH_ROUNDS YTD_ROUNDS WARMUP [MODE]}.
 */
public final class SqlBench {

    static final List<String> VARIANTS = List.of("pipeline", "pipeline-agg", "bare", "peer", "peer-lean", "quality",
            "quality-off");
    /** The region whose cell explain is timed on: Karaganda, one of the busiest. */
    static final String EXPLAINED_REGION = "350000000";
    static final int EXPLAIN_RUNS = 5;
    /** Runs of the checks with nothing delivered: a year to date builds 17 periods from the source each time. */
    static final int QUALITY_SOURCE_RUNS = 3;
    /** A deployment that has delivered nothing yet. */
    static final DeliveredHistory NOTHING_DELIVERED = new DeliveredHistory() {
        @Override
        public void record(FormTable table, int version) {
            throw new UnsupportedOperationException("nothing is delivered here");
        }

        @Override
        public Map<YearMonth, PeriodFigures> latest(FormId form, Accumulation accumulation, YearMonth from, YearMonth to) {
            return Map.of();
        }
    };

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        YearMonth period = YearMonth.parse(args[1]);
        OffsetDateTime asOf = OffsetDateTime.parse(args[2]);
        int monthRounds = Integer.parseInt(args[3]);
        int ytdRounds = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        Files.createDirectories(out.resolve("plans"));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("period", period.toString());
        report.put("asOf", asOf.toString());
        List<Accumulation> modes = args.length > 6 ? List.of(Accumulation.valueOf(args[6])) : List.of(Accumulation.values());
        for (Accumulation mode : modes) {
            int rounds = mode == Accumulation.MONTH ? monthRounds : ytdRounds;
            report.put(mode.name(), runMode(mode, period, asOf, rounds, warmup, out));
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(out.resolve("sql.json").toFile(), report);
        System.exit(0);
    }

    private static Map<String, Object> runMode(Accumulation mode, YearMonth period, OffsetDateTime asOf, int rounds,
                                               int warmup, Path out) throws Exception {
        try (ConfigurableApplicationContext context = application(mode, out)) {
            ProducerTemplate producer = context.getBean(ProducerTemplate.class);
            FormBuilder builder = context.getBean(FormBuilder.class);
            SqlLibrary sql = context.getBean(SqlLibrary.class);
            SourceQueries source = context.getBean(SourceQueries.class);
            Explainer explainer = context.getBean(Explainer.class);
            String prefixes = context.getBean(RegionCatalogue.class).prefixList();
            ZoneId zone = ZoneId.of(context.getEnvironment().getProperty("reporting.zone", "Asia/Almaty"));
            QualityChecks qualityChecks = context.getBean(QualityChecks.class);
            PlausibilitySettings plausibility = context.getBean(PlausibilitySettings.class);
            // The route's step after the aggregation, made again from the application's beans: with the
            // quality checks switched off, and with nothing delivered.
            FormBuilder withoutChecks = formBuilder(context, new QualityChecks(context.getBean(HistoryStore.class),
                    switchedOff(plausibility), context.getBean(RegionCatalogue.class), context.getBean(Labels.class)));
            FormBuilder nothingDelivered = formBuilder(context, new QualityChecks(NOTHING_DELIVERED, plausibility,
                    context.getBean(RegionCatalogue.class), context.getBean(Labels.class)));
            DeliverHistory.record(context, mode, period.minusMonths(periodsRead(plausibility, mode)), period.minusMonths(1));

            // The values the route binds, from the route's own step.
            Map<String, Object> parameters = builder.sqlParameters(job(FormId.MEIZHM, period, asOf));
            LocalDate from = mode.from(period);
            OffsetDateTime windowStart = from.atStartOfDay(zone).toOffsetDateTime();

            String url = context.getEnvironment().getRequiredProperty("source.datasource.url");
            String user = context.getEnvironment().getRequiredProperty("source.datasource.username");
            String password = context.getEnvironment().getProperty("source.datasource.password", "");
            try (Connection bare = connect(url, user, password, true);
                 Connection peerConnection = connect(url, user, password, true);
                 Connection jitDefault = connect(url, user, password, false)) {
                Set<String> regionSet = RowPullingPeer.regionSet(prefixes);
                RowPullingPeer peer = new RowPullingPeer(peerConnection, regionSet, true);
                RowPullingPeer leanPeer = new RowPullingPeer(peerConnection, regionSet, false);
                SourceQueries onBare = new SourceQueries(new SingleConnectionDataSource(bare, true), sql);
                SourceQueries onJitDefault = new SourceQueries(new SingleConnectionDataSource(jitDefault, true), sql);
                Map<String, Object> result = new LinkedHashMap<>();
                for (FormId form : FormId.values()) {
                    Map<String, Runnable> variants = new LinkedHashMap<>();
                    Map<String, Object> last = Collections.synchronizedMap(new LinkedHashMap<>());
                    // the period's aggregated rows as the route's step after the aggregation gets them
                    List<Map<String, Object>> aggregated = aggregate(source, builder, job(form, period, asOf));
                    variants.put("pipeline", () -> {
                        Exchange ex = producer.send("direct:build-form", e -> e.setProperty("job", job(form, period, asOf)));
                        rethrow(ex);
                        Job job = ex.getProperty("job", Job.class);
                        last.put("pipeline-history", checked(form, job, true));
                        last.put("pipeline", job.table());
                        last.put("warnings", job.findings().size());
                    });
                    variants.put("pipeline-agg", () -> last.put("pipeline-agg",
                            Cells.normalise(aggregate(source, builder, job(form, period, asOf)))));
                    variants.put("bare", () -> sqlRun(() -> {
                        List<Map<String, Object>> rows = onBare.aggregation(form, parameters);
                        if (rows.stream().anyMatch(r -> ((Number) r.get("suspect")).longValue() != 0
                                || ((Number) r.get("unplaced")).longValue() != 0
                                || !regionSet.contains(String.valueOf(r.get("region"))))) {
                            throw new IllegalStateException(form + ": the source holds unsound rows " + rows);
                        }
                        last.put("bare", Cells.normalise(rows));
                    }));
                    variants.put("peer", () -> sqlRun(() -> pullRows(form, peer, "peer", from, mode.until(period), asOf, windowStart, last)));
                    variants.put("peer-lean", () -> sqlRun(() -> pullRows(form, leanPeer, "peer-lean", from, mode.until(period), asOf, windowStart, last)));
                    variants.put("quality", () -> last.put("quality-history",
                            checked(form, builder.aggregated(job(form, period, asOf), aggregated, null), true)));
                    variants.put("quality-off", () -> {
                        Job job = withoutChecks.aggregated(job(form, period, asOf), aggregated, null);
                        if (job.table() == null || !job.validation().history().isEmpty()) {
                            throw new IllegalStateException(form + ": with the checks switched off the step read history or built nothing");
                        }
                    });

                    Map<String, List<Double>> samples = new LinkedHashMap<>();
                    variants.keySet().forEach(v -> samples.put(v, new ArrayList<>()));
                    List<String> order = new ArrayList<>(variants.keySet());
                    for (int round = -warmup; round < rounds; round++) {
                        // A new order each round (seeded, so reruns are alike): in a fixed rotation each
                        // variant would always follow the same one and inherit its effects on the caches.
                        Collections.shuffle(order, new java.util.Random(20250708L + round));
                        for (String v : order) {
                            // Collect the previous variant's garbage now, not during this one's time
                            // (the peers leave hundreds of megabytes of it).
                            System.gc();
                            long t0 = System.nanoTime();
                            variants.get(v).run();
                            double ms = (System.nanoTime() - t0) / 1e6;
                            if (round >= 0) {
                                samples.get(v).add(ms);
                            }
                        }
                        if (round == -warmup) {
                            verify(form, last);
                        }
                    }
                    verify(form, last);
                    if (!last.get("pipeline-history").equals(last.get("quality-history"))) {
                        throw new IllegalStateException(form + ": the route read other history than the step timed alone: "
                                + last.get("pipeline-history") + " and " + last.get("quality-history"));
                    }

                    // Informative, a few runs: the checks of a deployment that has delivered nothing yet,
                    // every period of history built from the source.
                    List<Double> fromSource = new ArrayList<>();
                    for (int i = 0; i < QUALITY_SOURCE_RUNS; i++) {
                        System.gc();
                        long t0 = System.nanoTime();
                        Job job = nothingDelivered.aggregated(job(form, period, asOf), aggregated, null);
                        fromSource.add((System.nanoTime() - t0) / 1e6);
                        last.put("source-history", checked(form, job, false));
                    }
                    samples.put("quality-source", fromSource);

                    // Informative, a few runs each: naming unsound rows (the checks statement, bare),
                    // and the aggregation with the server's JIT default.
                    List<Double> checkRuns = new ArrayList<>();
                    List<Double> jit = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        long t0 = System.nanoTime();
                        sqlRun(() -> {
                            if (!onBare.sourceChecks(form, parameters).isEmpty()) {
                                throw new IllegalStateException(form + ": the source checks name rows on a sound period");
                            }
                        });
                        checkRuns.add((System.nanoTime() - t0) / 1e6);
                        t0 = System.nanoTime();
                        sqlRun(() -> onJitDefault.aggregation(form, parameters));
                        jit.add((System.nanoTime() - t0) / 1e6);
                    }
                    samples.put("checks", checkRuns);
                    samples.put("bare-jit", jit);

                    // explain through the application's own bean (its pool, its statements): the cell of
                    // the form's largest column in a busy region, and the same column's total row. Each
                    // answer is checked against the table the pipeline built.
                    var table = (kz.labour.reporting.form.FormTable) last.get("pipeline");
                    int column = form == FormId.MEIZHM ? 5 : 4;
                    Map<String, Object> explainParameters = new LinkedHashMap<>(parameters);
                    explainParameters.put("column", column);
                    explainParameters.put("region", EXPLAINED_REGION.substring(0, 2));
                    for (String kato : List.of(EXPLAINED_REGION, "000000000")) {
                        List<Double> runs = new ArrayList<>();
                        for (int i = 0; i < EXPLAIN_RUNS; i++) {
                            long t0 = System.nanoTime();
                            var explained = explainer.explain(new Explainer.Query(period.toString(), form.ascii(),
                                    kato + ":" + column, asOf.toString(), null));
                            runs.add((System.nanoTime() - t0) / 1e6);
                            BigDecimal built = table.rows().stream().filter(r -> r.kato().equals(kato)).findFirst()
                                    .orElseThrow().value(column);
                            if (explained.value().compareTo(built) != 0) {
                                throw new IllegalStateException(form + " " + kato + ":" + column + ": explain says "
                                        + explained.value() + ", the built form " + built);
                            }
                        }
                        samples.put(kato.equals("000000000") ? "explain-total" : "explain-cell", runs);
                    }

                    Files.writeString(out.resolve("plans").resolve(mode + "-" + form.ascii() + ".txt"),
                            "-- " + form.ascii() + ".sql\n" + plan(onBare, sql.aggregation(form), parameters)
                                    + "\n-- " + form.ascii() + "-source-checks.sql (runs only when the aggregation finds unsound rows)\n"
                                    + plan(onBare, sql.sourceChecks(form), parameters)
                                    + "\n-- explain-rows.sql (explain " + EXPLAINED_REGION + ":" + column + ")\n"
                                    + plan(onBare, sql.explainRows(form), explainParameters)
                                    + "\n-- explain-regions.sql (explain 000000000:" + column + ")\n"
                                    + plan(onBare, sql.explainRegions(form), explainParameters));

                    Map<String, Object> formResult = new LinkedHashMap<>();
                    samples.forEach((v, s) -> formResult.put(v, Map.of("median", median(s), "samples", s)));
                    formResult.put("peerRowsPulled", last.get("peerRows"));
                    formResult.put("peerLeanRowsPulled", last.get("peer-leanRows"));
                    formResult.put("history", Map.of("delivered", last.get("quality-history"), "source", last.get("source-history")));
                    formResult.put("warnings", last.get("warnings"));
                    result.put(form.ascii(), formResult);
                    System.err.printf("%s %s: %s%n", mode, form.ascii(), summary(formResult));

                    // As a monthly run delivers this form before it builds the next (the plan's order),
                    // the forms after it find its period delivered.
                    if (form.ordinal() < FormId.values().length - 1) {
                        qualityChecks.delivered(table, DeliverHistory.version(mode));
                    }
                }
                return result;
            }
        }
    }

    /** The route's aggregation step alone: the same bean, with the parameters the route passes it. */
    static List<Map<String, Object>> aggregate(SourceQueries source, FormBuilder builder, Job job) {
        try {
            return source.aggregation(job.form(), builder.sqlParameters(job));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code EXPLAIN (ANALYZE, BUFFERS)} of a statement: the plan, one line per row. */
    static String plan(SourceQueries on, String statement, Map<String, Object> parameters) throws SQLException {
        StringBuilder plan = new StringBuilder();
        for (Map<String, Object> row : on.rows("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)) {
            plan.append(row.values().iterator().next()).append('\n');
        }
        return plan.toString();
    }

    /**
     * A build that ran its quality checks: the form laid out with no ERROR and both quality stages run.
     * Returns how many periods of history they read, of the form's own and of the other form,
     * delivered or built from the source. With {@code delivered}, the form's own history must all have
     * been delivered: the case measured is a monthly run's.
     */
    private static Map<String, Long> checked(FormId form, Job job, boolean delivered) {
        if (job.step() != Job.Step.RENDER || job.table() == null) {
            throw new IllegalStateException(form + ": the build ended at " + job.step() + ": " + job.findings());
        }
        job.validation().stages().stream().filter(stage -> !stage.notRun().isEmpty()).findFirst().ifPresent(stage -> {
            throw new IllegalStateException(form + ": the " + stage.stage().key() + " checks did not run: " + stage.notRun());
        });
        Map<String, Long> read = new TreeMap<>();
        for (PeriodFigures p : job.validation().history()) {
            read.merge((p.form() == form ? "own " : "other ") + p.origin().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
        if (delivered && read.containsKey("own built")) {
            throw new IllegalStateException(form + ": the history is not all delivered: " + read);
        }
        return read;
    }

    /**
     * The periods before the current one that the quality checks read (as QualityChecks.check counts
     * them): the plausibility history or the cross-form window, and a year to date one more, whose
     * month is the increment over the month before.
     */
    private static int periodsRead(PlausibilitySettings settings, Accumulation mode) {
        return Math.max(settings.historyPeriods(), settings.crossFormPeriods() - 1) + (mode == Accumulation.YEAR_TO_DATE ? 1 : 0);
    }

    /**
     * The real application context (configuration from the SOURCE_DB_* / PIPELINE_DB_* environment
     * variables) in an accumulation mode, a deployment setting; no schedule.
     */
    static ConfigurableApplicationContext application(Accumulation mode, Path out) {
        SpringApplication app = new SpringApplication(LabourReportingApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        return app.run("--reporting.accumulation=" + mode.name(), "--reporting.schedule.enabled=false",
                "--reporting.outbox=" + out.resolve("outbox"), "--logging.level.kz.labour.reporting=WARN");
    }

    /** The application's FormBuilder made again from its beans, with other quality checks. */
    static FormBuilder formBuilder(ConfigurableApplicationContext context, QualityChecks checks) {
        return new FormBuilder(context.getBean(ReportingSettings.class), context.getBean(Labels.class),
                context.getBean(RegionCatalogue.class), context.getBean(Clock.class), context.getBean(Signing.class), checks,
                context.getBean(SourceQueries.class));
    }

    /** The same settings with the checks switched off, as {@code reporting.plausibility.enabled=false}. */
    static PlausibilitySettings switchedOff(PlausibilitySettings s) {
        return s.switchedOff();
    }

    /** One run of a row-pulling peer; its numbers are kept for the cross-check, and a source problem fails the run. */
    private static void pullRows(FormId form, RowPullingPeer peer, String name, LocalDate from, LocalDate until,
                                 OffsetDateTime asOf, OffsetDateTime windowStart, Map<String, Object> last) throws SQLException {
        RowPullingPeer.Result r = form == FormId.MEIZHM
                ? peer.meizhm(from, until, asOf, windowStart)
                : peer.ozh(from, until, asOf, windowStart);
        if (!r.problems().isEmpty()) {
            throw new IllegalStateException(form + ": " + name + " found source problems " + r.problems());
        }
        last.put(name, r.byRegion());
        last.put(name + "Rows", r.rowsPulled());
    }

    static Job job(FormId form, YearMonth period, OffsetDateTime asOf) {
        return Job.planned(form, period, asOf, new TransmitRequest(period.toString(), form.ascii(), asOf.toString(),
                Mode.DRY_RUN, Origin.CLI, "bench"));
    }

    /** All variants computed the same numbers: pipeline table, the route step's rows, bare rows, peer. */
    @SuppressWarnings("unchecked")
    private static void verify(FormId form, Map<String, Object> last) {
        Object reference = last.get("bare");
        for (String v : List.of("pipeline-agg", "peer", "peer-lean")) {
            if (!reference.equals(last.get(v))) {
                throw new IllegalStateException(form + ": " + v + " differs from bare:\n" + last.get(v) + "\n" + reference);
            }
        }
        var table = (kz.labour.reporting.form.FormTable) last.get("pipeline");
        Map<String, Map<String, BigDecimal>> fromTable = new TreeMap<>();
        table.rows().stream().filter(r -> !r.total()).forEach(r -> {
            Map<String, BigDecimal> values = new TreeMap<>();
            r.values().forEach((c, value) -> values.put("c" + c, Cells.canon(value)));
            if (values.values().stream().anyMatch(x -> x.signum() != 0)) {
                fromTable.put(r.kato().substring(0, 2), values);
            }
        });
        Map<String, Map<String, BigDecimal>> nonZero = new TreeMap<>();
        ((Map<String, Map<String, BigDecimal>>) reference).forEach((region, values) -> {
            if (values.values().stream().anyMatch(x -> x.signum() != 0)) {
                nonZero.put(region, values);
            }
        });
        if (!fromTable.equals(nonZero)) {
            throw new IllegalStateException(form + ": the pipeline's table differs from bare:\n" + fromTable + "\n" + nonZero);
        }
    }

    private static String summary(Map<String, Object> formResult) {
        StringBuilder s = new StringBuilder();
        formResult.forEach((v, r) -> {
            if (r instanceof Map<?, ?> m && m.get("median") instanceof Double) {
                s.append(v).append(String.format("=%.1fms ", (Double) m.get("median")));
            }
        });
        return s.toString() + "peer rows=" + formResult.get("peerRowsPulled") + " history read=" + formResult.get("history")
                + " findings=" + formResult.get("warnings");
    }

    static double median(List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * A connection with the pipeline pool's session settings (or the server's JIT default). Its
     * statements stay unnamed (prepareThreshold=0), so PostgreSQL plans every execution for its
     * parameters, as it does on the pipeline's path (whose pool sets the same). A named statement would switch
     * to a generic plan after five runs, and the generic plan of the 1-MEIZhM checks is slower: the
     * floor would then not be one.
     */
    static Connection connect(String url, String user, String password, boolean jitOff) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("prepareThreshold", "0");
        Connection c = DriverManager.getConnection(url, properties);
        c.setReadOnly(true);
        try (Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '300s'");
            if (jitOff) {
                s.execute("SET jit = off");
            }
        }
        return c;
    }

    private static void rethrow(Exchange ex) {
        if (ex.getException() != null) {
            throw new IllegalStateException(ex.getException());
        }
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    private static void sqlRun(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> variants() {
        return Set.copyOf(VARIANTS);
    }
}
