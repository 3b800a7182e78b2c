package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Region;
import kz.labour.reporting.form.Severity;

/**
 * 1-МЕИЖМ against 2-ӨЖ for the same region and period (docs/quality.md, "Across forms"). Both rules
 * are WARN and read the two forms' monthly figures summed over the last {@code cross-form-periods}
 * periods, the current one last, because an investigation completes weeks after its accident, often
 * in the next month: a single month would flag every lag.
 *
 * <ul>
 *   <li>{@value #INVESTIGATIONS_WITHOUT_ACCIDENTS}: 1-МЕИЖМ c14 (investigations completed by state
 *       labour inspectors) is above 0 while 2-ӨЖ c2 (accidents) is 0 in the region: every
 *       investigation is of an accident, so either 2-ӨЖ misses accidents (an investigation whose
 *       {@code accident_id} is null names an accident the system does not hold) or an investigation
 *       carries the wrong region;</li>
 *   <li>{@value #ACCIDENTS_WITHOUT_INVESTIGATIONS}: 2-ӨЖ shows at least {@code cross-form-min-accidents}
 *       accidents that certainly need an investigation by a state labour inspector (group accidents,
 *       and single-victim accidents with a severe or fatal outcome: c3 + max(0, c7 + c8 − c5)) while
 *       1-МЕИЖМ c14 is 0: investigations are not recorded, or accidents are misclassified.</li>
 * </ul>
 */
final class CrossForm {

    static final String INVESTIGATIONS_WITHOUT_ACCIDENTS = "cross-investigations-without-accidents";
    static final String ACCIDENTS_WITHOUT_INVESTIGATIONS = "cross-accidents-without-investigations";

    static final RuleDef INVESTIGATIONS_RULE = new RuleDef(INVESTIGATIONS_WITHOUT_ACCIDENTS, Severity.WARN,
            "per region over the last cross-form-periods periods: 1-MEIZhM c14 (accident investigations completed) "
                    + "above 0 while 2-OZh c2 (accidents) is 0");
    static final RuleDef ACCIDENTS_RULE = new RuleDef(ACCIDENTS_WITHOUT_INVESTIGATIONS, Severity.WARN,
            "per region over the last cross-form-periods periods: at least cross-form-min-accidents accidents that need "
                    + "an inspector's investigation in 2-OZh (c3 + max(0, c7 + c8 - c5)) while 1-MEIZhM c14 is 0");

    /** 1-МЕИЖМ: investigations completed. */
    static final int INVESTIGATIONS = 14;
    /** 2-ӨЖ: accidents, group accidents, victims of group accidents, severe, fatal. */
    static final int ACCIDENTS = 2;
    static final int GROUP_ACCIDENTS = 3;
    static final int GROUP_VICTIMS = 5;
    static final int SEVERE = 7;
    static final int FATAL = 8;

    private CrossForm() {
    }

    /**
     * @param reporting the form whose validation report this is: its findings name its own column
     *                  (1-МЕИЖМ c14; 2-ӨЖ c2, or the whole row for accidents needing investigation)
     * @param period    the period being built
     * @param meizhm    1-МЕИЖМ over the window, the current period included
     * @param ozh       2-ӨЖ over the same window, same accumulation
     * @param regions   the regions to check, in form order
     */
    static StageResult check(FormId reporting, YearMonth period, Series meizhm, Series ozh, List<Region> regions,
                                    PlausibilitySettings settings) {
        if (meizhm.form() != FormId.MEIZHM || ozh.form() != FormId.OZH || meizhm.accumulation() != ozh.accumulation()) {
            throw new IllegalArgumentException("cross-form rules need 1-MEIZhM and 2-OZh in one accumulation, got "
                    + meizhm.form() + " " + meizhm.accumulation() + " and " + ozh.form() + " " + ozh.accumulation());
        }
        int n = settings.crossFormPeriods();
        List<YearMonth> window = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            window.add(period.minusMonths(i));
        }
        List<YearMonth> missing = window.stream()
                .filter(q -> meizhm.monthly(q, regions.get(0).kato(), INVESTIGATIONS) == null
                        || ozh.monthly(q, regions.get(0).kato(), ACCIDENTS) == null)
                .toList();
        if (!missing.isEmpty()) {
            String reason = "the figures of both forms are needed for " + window.get(0) + " to " + period
                    + (meizhm.accumulation() == Accumulation.YEAR_TO_DATE ? " (and the period before, year to date)" : "")
                    + "; missing for " + missing;
            return new StageResult(Stage.CROSS_FORM, List.of(), List.of(), List.of(
                    new NotRun(INVESTIGATIONS_WITHOUT_ACCIDENTS, reason), new NotRun(ACCIDENTS_WITHOUT_INVESTIGATIONS, reason)));
        }

        Sums national = new Sums();
        Map<Region, Sums> byRegion = new LinkedHashMap<>();
        for (Region region : regions) {
            Sums s = new Sums();
            for (YearMonth q : window) {
                s.add(meizhm, ozh, q, region.kato());
            }
            if (s.complete) {
                byRegion.put(region, s);
                national.plus(s);
            }
        }
        List<Finding> findings = new ArrayList<>();
        BigDecimal periods = BigDecimal.valueOf(n);
        String span = n == 1 ? period.toString() : window.get(0) + " to " + period;
        for (Map.Entry<Region, Sums> e : byRegion.entrySet()) {
            Region region = e.getKey();
            String kato = region.kato();
            Sums s = e.getValue();
            if (s.investigations.signum() > 0 && s.accidents.signum() == 0) {
                Map<String, BigDecimal> values = new LinkedHashMap<>();
                values.put("investigations", s.investigations);
                values.put("accidents", s.accidents);
                values.put("periods", periods);
                values.put(Significance.EFFECT, s.investigations);
                values.put(Significance.SHARE, Significance.share(s.investigations, national.accidents.doubleValue()));
                Integer column = reporting == FormId.MEIZHM ? INVESTIGATIONS : ACCIDENTS;
                findings.add(Finding.ofCell(INVESTIGATIONS_WITHOUT_ACCIDENTS, Severity.WARN, where(region, column),
                        s.investigations.toPlainString() + " accident investigation(s) completed (1-MEIZhM c14) in " + span
                                + ", but no accident in 2-OZh (c2) in the region", kato, column, values));
            }
            if (s.needingInvestigation.compareTo(BigDecimal.valueOf(settings.crossFormMinAccidents())) >= 0
                    && s.investigations.signum() == 0) {
                Map<String, BigDecimal> values = new LinkedHashMap<>();
                values.put("needingInvestigation", s.needingInvestigation);
                values.put("investigations", s.investigations);
                values.put("periods", periods);
                values.put(Significance.EFFECT, s.needingInvestigation);
                values.put(Significance.SHARE, Significance.share(s.needingInvestigation,
                        national.needingInvestigation.doubleValue()));
                Integer column = reporting == FormId.MEIZHM ? Integer.valueOf(INVESTIGATIONS) : null;
                findings.add(Finding.ofCell(ACCIDENTS_WITHOUT_INVESTIGATIONS, Severity.WARN, where(region, column),
                        s.needingInvestigation.toPlainString() + " accident(s) needing an inspector's investigation in 2-OZh "
                                + "(group, severe or fatal: c3 + max(0, c7 + c8 - c5)) in " + span
                                + ", but no investigation completed in 1-MEIZhM (c14) in the region", kato, column, values));
            }
        }
        return new StageResult(Stage.CROSS_FORM, List.of(INVESTIGATIONS_RULE, ACCIDENTS_RULE), Significance.rank(findings));
    }

    private static String where(Region region, Integer column) {
        return "row " + region.kato() + " " + region.kk() + (column == null ? "" : ", column " + column);
    }

    /** One region's figures summed over the window; incomplete when a month of it is not known. */
    private static final class Sums {
        BigDecimal investigations = BigDecimal.ZERO;
        BigDecimal accidents = BigDecimal.ZERO;
        BigDecimal needingInvestigation = BigDecimal.ZERO;
        boolean complete = true;

        void add(Series meizhm, Series ozh, YearMonth q, String kato) {
            BigDecimal i = meizhm.monthly(q, kato, INVESTIGATIONS);
            BigDecimal a = ozh.monthly(q, kato, ACCIDENTS);
            BigDecimal g = ozh.monthly(q, kato, GROUP_ACCIDENTS);
            BigDecimal gv = ozh.monthly(q, kato, GROUP_VICTIMS);
            BigDecimal sev = ozh.monthly(q, kato, SEVERE);
            BigDecimal fat = ozh.monthly(q, kato, FATAL);
            if (i == null || a == null || g == null || gv == null || sev == null || fat == null) {
                complete = false;
                return;
            }
            investigations = investigations.add(i);
            accidents = accidents.add(a);
            // group accidents, plus single-victim accidents that were severe or fatal: at least this many
            needingInvestigation = needingInvestigation.add(g).add(sev.add(fat).subtract(gv).max(BigDecimal.ZERO));
        }

        void plus(Sums s) {
            investigations = investigations.add(s.investigations);
            accidents = accidents.add(s.accidents);
            needingInvestigation = needingInvestigation.add(s.needingInvestigation);
        }
    }
}
