package kz.labour.reporting.form.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Fixtures;

class SheetLayoutTest {

    private static final double PAGE = PrintedPage.usableHeight();

    /** Rows of the given heights; rows headsFirst..headsLast are the column heads. */
    private static SheetLayout.Plan plan(int headsFirst, int headsLast, double... heights) {
        List<SheetLayout.Line> lines = new ArrayList<>();
        for (double h : heights) {
            lines.add(new SheetLayout.Line(h, List.of()));
        }
        return new SheetLayout.Plan(new double[] {100}, lines, headsFirst, headsLast, false);
    }

    @Test
    void countsThePagesWithTheHeadsRepeatedOnEachAndNoRowSplit() {
        double third = PAGE / 3;
        // header, heads, then rows: page 1 takes header + heads + one row; page 2 the heads again + two rows
        assertEquals(2, plan(1, 1, third, third, third, third - 1, third - 1).pages());
        // one more row than page 2 can hold after the repeated heads
        assertEquals(3, plan(1, 1, third, third, third, third - 1, third - 1, 3).pages());
        assertEquals(1, plan(1, 1, third, third, third - 1).pages());
    }

    @Test
    void fitsOnlyOnTwoPagesAtMostWithEveryWordWhole() {
        double third = PAGE / 3;
        assertTrue(plan(1, 1, third, third, third, third - 1, third - 1).fits());
        assertFalse(plan(1, 1, third, third, third, third - 1, third - 1, 3).fits());
        SheetLayout.Plan broken = new SheetLayout.Plan(new double[] {100}, List.of(new SheetLayout.Line(10, List.of())), 0, 0, true);
        assertFalse(broken.fits(), "a word broken mid-word is no fit, however few the pages");
    }

    @Test
    void takesTheLargestSizesAtWhichEachFormFits() {
        SheetLayout.Plan injuries = SheetLayout.of(Fixtures.injuries(), Fixtures.LABELS, Fixtures.ORG, Fixtures.GENERATED_AT);
        SheetLayout.Plan inspections = SheetLayout.of(Fixtures.inspections(), Fixtures.LABELS, Fixtures.ORG, Fixtures.GENERATED_AT);
        assertTrue(injuries.fits());
        assertTrue(inspections.fits());
        // eight columns leave room for 9 pt in the table; seventeen need the least size, 8 pt
        assertEquals(9, firstNumberSize(injuries));
        assertEquals(8, firstNumberSize(inspections));
    }

    private static int firstNumberSize(SheetLayout.Plan plan) {
        return plan.lines().stream().flatMap(l -> l.spots().stream())
                .filter(s -> s.value() instanceof java.math.BigDecimal).findFirst().orElseThrow().look().size();
    }
}
