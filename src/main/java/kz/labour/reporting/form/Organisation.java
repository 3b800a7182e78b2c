package kz.labour.reporting.form;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The submitting organisation, printed in the form's header (BIN) and footer (name, address, phone,
 * e-mail, executor, head). From the {@code ORG_*} settings, never from code.
 *
 * <p>A form goes to the bureau under this identity, so a delivering run first asks {@link #problems()}
 * and refuses when there is any; a dry run, which sends nothing, need not.
 */
public record Organisation(String bin, String name, String address, String phone, String email,
                           String executor, String head) {

    /** Words that stand in for a value nobody has filled in yet, wherever they occur in it. */
    private static final Set<String> PLACEHOLDER_WORDS = Set.of("todo", "tbd", "fixme", "changeme", "placeholder",
            "lorem", "ipsum", "dummy", "example", "sample", "пример", "мысал");
    /** Whole values that say nothing. */
    private static final Set<String> PLACEHOLDER_VALUES = Set.of("n/a", "na", "none", "null", "nil", "undefined",
            "unknown", "test", "demo", "тест", "демо", "нет", "жоқ");
    /** Letter x (Latin or Cyrillic) three times or more: "xxx", "XXXX", "ххх". */
    private static final Pattern CROSSES = Pattern.compile("[xх]{3,}");
    /** Template markers left in: {@code <name>}, {@code ${ORG_NAME}}, {@code {{name}}}, {@code [name]}. */
    private static final Pattern TEMPLATE = Pattern.compile("^<.*>$|^\\[.*]$|\\$\\{|\\{\\{");
    private static final Pattern WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** local@domain.tld, no spaces, one @. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    /** Domains reserved for documentation and tests (RFC 2606, RFC 6761): never a real organisation's. */
    private static final Pattern RESERVED_DOMAIN =
            Pattern.compile("(^|.*\\.)(example\\.(com|net|org)|example|invalid|test|localhost|local)$");
    private static final int[] SECOND_WEIGHTS = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};

    /** One thing wrong with the identity: the setting that holds it and what it should hold. */
    public record Problem(String variable, String message) {
        @Override
        public String toString() {
            return variable + ": " + message;
        }
    }

    /**
     * Every problem with the identity, in the order of the settings; empty when a form may be sent under it.
     * Each names its environment variable, what was given and what is accepted.
     */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        binProblem(bin).ifPresent(m -> problems.add(new Problem("ORG_BIN", m)));
        text("ORG_NAME", name, "the organisation's name as registered, e.g. «Қарағанды облысы бойынша "
                + "Мемлекеттік еңбек инспекциясы департаменті»", problems);
        text("ORG_ADDRESS", address, "the organisation's postal address, e.g. «Қарағанды қ., Бұқар жырау даңғылы, 47»",
                problems);
        if (text("ORG_PHONE", phone, "a contact telephone number with at least 6 digits, e.g. «+7 7212 41 00 00»",
                problems) && !phoneLooksReal(phone)) {
            problems.add(new Problem("ORG_PHONE", quoted(phone)
                    + " is not a telephone number; accepted: at least 6 digits, the last 6 not all the same, e.g. «+7 7212 41 00 00»"));
        }
        if (text("ORG_EMAIL", email, "the organisation's contact e-mail address, e.g. «karaganda@enbek.gov.kz»",
                problems)) {
            emailProblem(email.strip()).ifPresent(m -> problems.add(new Problem("ORG_EMAIL", m)));
        }
        text("ORG_EXECUTOR", executor, "the full name of the person who prepared the form, e.g. «Сейітова Айгүл Болатқызы»",
                problems);
        text("ORG_HEAD", head, "the full name of the head or the person authorised to sign, e.g. «Омаров Нұрлан Қайратұлы»",
                problems);
        return List.copyOf(problems);
    }

    /**
     * Whether the 12 digits carry a valid control digit (the rule for IIN and BIN): the first 11 digits weighted
     * 1..11, sum modulo 11; when that is 10, weighted 3..11, 1, 2 instead; a second 10 means no valid number
     * has these 11 digits. The result must equal the 12th digit.
     */
    static boolean hasValidControlDigit(String digits) {
        if (digits == null || !digits.matches("\\d{12}")) {
            return false;
        }
        int control = controlDigit(digits);
        return control != 10 && control == digits.charAt(11) - '0';
    }

    /** The control digit of the first 11 digits, or 10 when none is valid. */
    static int controlDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += (i + 1) * (digits.charAt(i) - '0');
        }
        if (sum % 11 != 10) {
            return sum % 11;
        }
        sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += SECOND_WEIGHTS[i] * (digits.charAt(i) - '0');
        }
        return sum % 11;
    }

    private static Optional<String> binProblem(String bin) {
        String accepted = "; accepted: the organisation's BIN, 12 digits ending in a valid control digit";
        if (bin == null || bin.isBlank()) {
            return Optional.of("is not set" + accepted);
        }
        if (!bin.matches("\\d{12}")) {
            return Optional.of(quoted(bin) + " is not 12 digits" + accepted);
        }
        if (bin.chars().distinct().count() == 1) {
            return Optional.of(quoted(bin) + " is a placeholder" + accepted);
        }
        int control = controlDigit(bin);
        if (control == 10) {
            return Optional.of(quoted(bin) + " cannot be a BIN: no control digit is valid for its first 11 digits"
                    + accepted);
        }
        if (control != bin.charAt(11) - '0') {
            return Optional.of(quoted(bin) + " ends in " + bin.charAt(11) + " but its control digit is " + control
                    + " (a mistyped digit?)" + accepted);
        }
        return Optional.empty();
    }

    /** Adds a problem when the value is empty or a placeholder; true when it is usable text. */
    private static boolean text(String variable, String value, String accepted, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(variable, "is not set; accepted: " + accepted));
            return false;
        }
        if (isPlaceholder(value)) {
            problems.add(new Problem(variable, quoted(value) + " is a placeholder; accepted: " + accepted));
            return false;
        }
        return true;
    }

    /**
     * A value nobody has filled in: no letter or digit at all ("-", "…", "___"), a template marker
     * ("&lt;name&gt;", "${ORG_NAME}"), the variable's own name, a word such as TODO, changeme or example,
     * "xxx", or a value such as N/A, none, test.
     */
    static boolean isPlaceholder(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!v.codePoints().anyMatch(Character::isLetterOrDigit)) {
            return true;
        }
        String compact = WORD.matcher(v).replaceAll("");
        if (PLACEHOLDER_VALUES.contains(v) || PLACEHOLDER_VALUES.contains(compact) || PLACEHOLDER_WORDS.contains(compact)
                || TEMPLATE.matcher(v).find() || CROSSES.matcher(v).find() || v.startsWith("org_")) {
            return true;
        }
        for (String word : WORD.split(v)) {
            if (PLACEHOLDER_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean phoneLooksReal(String phone) {
        String digits = phone.replaceAll("\\D", "");
        // the subscriber's number, not the country code, is what a placeholder leaves as zeros
        return digits.length() >= 6 && digits.substring(digits.length() - 6).chars().distinct().count() > 1;
    }

    private static Optional<String> emailProblem(String email) {
        if (!EMAIL.matcher(email).matches()) {
            return Optional.of(quoted(email) + " is not an e-mail address; accepted: one address, name@domain.kz");
        }
        String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (RESERVED_DOMAIN.matcher(domain).matches()) {
            return Optional.of(quoted(email) + " is at " + domain + ", a domain reserved for examples and tests; "
                    + "accepted: the organisation's real contact address");
        }
        return Optional.empty();
    }

    private static String quoted(String value) {
        return "'" + value + "'";
    }
}
