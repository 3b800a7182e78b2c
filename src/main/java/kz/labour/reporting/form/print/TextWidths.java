package kz.labour.reporting.form.print;

/**
 * How wide printed text is, so the workbook can size its rows and columns itself: neither POI nor the
 * spreadsheet sizes wrapped or merged cells. Advance widths of Times New Roman (the same as Liberation
 * Serif, which stands in for it where it is not installed), in thousandths of the font size, for the
 * letters the forms use; any other character counts as a full em, so an estimate errs on the wide side.
 * Pure arithmetic: the same text gives the same size on every machine.
 */
final class TextWidths {

    private static final String CHARS = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяЁёӘәҒғҚқҢңӨөҰұҮүҺһІі«»–—№…";
    private static final short[] REGULAR = {
            250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500,
            500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722,
            722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333,
            278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
            500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, 722, 574, 667, 578, 682,
            611, 896, 501, 722, 722, 667, 678, 889, 722, 722, 722, 556, 667, 611, 708, 790, 722, 722, 650, 1009,
            1009, 706, 872, 574, 660, 1028, 667, 444, 509, 472, 410, 509, 444, 691, 395, 535, 535, 486, 499, 633,
            535, 500, 535, 500, 444, 437, 500, 648, 500, 535, 503, 770, 770, 517, 672, 456, 429, 747, 460, 611,
            444, 722, 444, 578, 410, 667, 486, 722, 535, 722, 500, 722, 500, 722, 500, 650, 500, 333, 278, 500,
            500, 500, 1000, 954, 1000
    };
    private static final short[] BOLD = {
            250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500,
            500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778,
            778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333,
            278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
            556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520, 722, 661, 667, 636, 688,
            667, 989, 528, 778, 778, 725, 745, 944, 778, 778, 778, 611, 722, 667, 734, 859, 722, 778, 734, 1098,
            1098, 765, 982, 661, 678, 1126, 722, 500, 500, 540, 454, 506, 444, 725, 402, 576, 576, 576, 561, 681,
            576, 500, 576, 556, 444, 491, 500, 692, 500, 576, 564, 844, 844, 583, 781, 529, 432, 764, 541, 667,
            444, 739, 444, 636, 454, 725, 576, 778, 576, 778, 500, 722, 500, 722, 500, 734, 556, 389, 278, 500,
            500, 500, 1000, 1005, 1000
    };

    private static final int UNKNOWN = 1000;
    /** The two tables by character, for a lookup per letter without a search. */
    private static final short[] REGULAR_BY_CHAR = byChar(REGULAR);
    private static final short[] BOLD_BY_CHAR = byChar(BOLD);

    private TextWidths() {
    }

    private static short[] byChar(short[] widths) {
        int highest = 0;
        for (int i = 0; i < CHARS.length(); i++) {
            highest = Math.max(highest, CHARS.charAt(i));
        }
        short[] table = new short[highest + 1];
        java.util.Arrays.fill(table, (short) UNKNOWN);
        for (int i = 0; i < CHARS.length(); i++) {
            table[CHARS.charAt(i)] = widths[i];
        }
        return table;
    }

    /** Width in points of {@code text} at {@code size} points; characters in [boldFrom, boldTo) are bold. */
    static double width(String text, int from, int to, double size, int boldFrom, int boldTo) {
        long units = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            short[] table = i >= boldFrom && i < boldTo ? BOLD_BY_CHAR : REGULAR_BY_CHAR;
            units += c < table.length ? table[c] : UNKNOWN;
        }
        return units * size / 1000;
    }

    static double width(String text, double size, boolean bold) {
        return bold ? width(text, 0, text.length(), size, 0, text.length()) : width(text, 0, text.length(), size, 0, 0);
    }

    /**
     * Lines the text takes when wrapped, as a spreadsheet wraps it: at spaces and after hyphens, and at every
     * line break. {@link Integer#MAX_VALUE} when a word is wider than the line: it would be broken mid-word.
     */
    static int lines(String text, double size, double lineWidth, int boldFrom, int boldTo) {
        double space = width(" ", size, false);
        int lines = 1;
        double used = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                lines++;
                used = 0;
                i++;
                continue;
            }
            if (c == ' ') {
                i++;
                continue;
            }
            int end = wordEnd(text, i);
            double word = width(text, i, end, size, boldFrom, boldTo);
            if (word > lineWidth) {
                return Integer.MAX_VALUE;
            }
            boolean gap = used > 0 && text.charAt(i - 1) == ' ';
            double needed = used + (gap ? space : 0) + word;
            if (used > 0 && needed > lineWidth) {
                lines++;
                used = word;
            } else {
                used = needed;
            }
            i = end;
        }
        return lines;
    }

    static int lines(String text, double size, double lineWidth, boolean bold) {
        return bold ? lines(text, size, lineWidth, 0, text.length()) : lines(text, size, lineWidth, 0, 0);
    }

    /** The widest word of the text, in points: the narrowest line it fits without a word broken. */
    static double widestWord(String text, double size, boolean bold) {
        double widest = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n') {
                i++;
                continue;
            }
            int end = wordEnd(text, i);
            widest = Math.max(widest, bold ? width(text, i, end, size, 0, text.length()) : width(text, i, end, size, 0, 0));
            i = end;
        }
        return widest;
    }

    /** A word runs to the next space or line break, or up to and including a hyphen. */
    private static int wordEnd(String text, int start) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n') {
                return i;
            }
            i++;
            if (c == '-' && i - start > 1) {
                return i;
            }
        }
        return i;
    }
}
