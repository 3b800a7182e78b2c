package kz.labour.reporting.form;

/**
 * What a version does at the bureau, the last letter of its file names (docs/interfaces.md): {@code N}
 * the first version that reaches it, {@code R} one that replaces what it may already hold. A job has
 * none until it is decided (null).
 */
public enum Action {
    NEW('N'),
    REPLACEMENT('R');

    private final char letter;

    Action(char letter) {
        this.letter = letter;
    }

    /** {@code N} or {@code R}, as file names, the ledger and the JSON files write it. */
    public char letter() {
        return letter;
    }

    /** The action a letter stands for; anything else is refused, naming what is accepted. */
    public static Action of(char letter) {
        for (Action a : values()) {
            if (a.letter == letter) {
                return a;
            }
        }
        throw new IllegalArgumentException("action '" + letter + "' is neither N (new) nor R (replacement)");
    }

    /** The one-letter text ({@link #of(char)} for a stored value). */
    public static Action of(String text) {
        if (text == null || text.length() != 1) {
            throw new IllegalArgumentException("action '" + text + "' is not one letter; N (new) or R (replacement)");
        }
        return of(text.charAt(0));
    }

    /** The letter, so that messages and file names read as before ("V0002 R"). */
    @Override
    public String toString() {
        return String.valueOf(letter);
    }
}
