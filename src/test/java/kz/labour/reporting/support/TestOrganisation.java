package kz.labour.reporting.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The submitting organisation every application test runs as: a BIN with a valid control digit and real-looking
 * details, so a delivering run accepts the identity (see {@code Organisation.problems()}).
 */
public final class TestOrganisation {

    /** 1·1 + 2·3 + 4·9 + 5·4 + 8·2 + 9·1 + 10·5 + 11·3 = 171; 171 mod 11 = 6, the 12th digit. */
    public static final String BIN = "130940021536";
    public static final String NAME = "Қарағанды облысы бойынша Мемлекеттік еңбек инспекциясы департаменті";
    public static final String ADDRESS = "Қарағанды қ., Бұқар жырау даңғылы, 47";
    public static final String PHONE = "+7 7212 41 20 35";
    public static final String EMAIL = "karaganda@enbek.gov.kz";
    public static final String EXECUTOR = "Сейітова Айгүл Болатқызы";
    public static final String HEAD = "Омаров Нұрлан Қайратұлы";

    private TestOrganisation() {
    }

    /** The {@code reporting.org.*} properties (ORG_*), in the order of the settings. */
    public static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("reporting.org.bin", BIN);
        p.put("reporting.org.name", NAME);
        p.put("reporting.org.address", ADDRESS);
        p.put("reporting.org.phone", PHONE);
        p.put("reporting.org.email", EMAIL);
        p.put("reporting.org.executor", EXECUTOR);
        p.put("reporting.org.head", HEAD);
        return p;
    }
}
