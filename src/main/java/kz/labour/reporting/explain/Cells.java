package kz.labour.reporting.explain;

import java.math.BigDecimal;
import java.math.RoundingMode;

import kz.labour.reporting.form.FormDefinition;
import kz.labour.reporting.form.FormId;

/**
 * How a region's cell follows from the contributions of its rows, as the form's aggregation makes
 * it (docs/forms.md, "Numbers"): the sum, except 1-МЕИЖМ column 9, whose rows contribute tenge and whose
 * cell is thousand tenge rounded half up to one decimal per region (1-MEIZhM.sql, {@code fines}).
 */
final class Cells {

    private Cells() {
    }

    static boolean inThousands(FormId form, int column) {
        return form == FormId.MEIZHM && column == 9;
    }

    /** Tenge as thousand tenge, exactly. */
    static BigDecimal thousands(BigDecimal tenge) {
        return tenge.movePointLeft(3);
    }

    /** The region's cell for this sum of its rows' contributions, at the column's printed scale. */
    static BigDecimal value(FormDefinition form, int column, BigDecimal sum) {
        BigDecimal v = inThousands(form.id(), column) ? thousands(sum) : sum;
        return v.setScale(form.column(column).scale(), RoundingMode.HALF_UP);
    }
}
