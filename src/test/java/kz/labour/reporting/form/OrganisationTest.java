package kz.labour.reporting.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import kz.labour.reporting.support.TestOrganisation;

class OrganisationTest {

    /**
     * 130940021536: 1·1 + 2·3 + 3·0 + 4·9 + 5·4 + 6·0 + 7·0 + 8·2 + 9·1 + 10·5 + 11·3 = 171; 171 mod 11 = 6.
     */
    static final String BIN = "130940021536";

    private static Organisation with(String bin, String name, String address, String phone, String email,
                                     String executor, String head) {
        return new Organisation(bin, name, address, phone, email, executor, head);
    }

    private static Organisation complete() {
        return with(BIN, "Қарағанды облысы бойынша Мемлекеттік еңбек инспекциясы департаменті",
                "Қарағанды қ., Бұқар жырау даңғылы, 47", "+7 7212 41 00 00", "karaganda@enbek.gov.kz",
                "Сейітова Айгүл Болатқызы", "Омаров Нұрлан Қайратұлы");
    }

    private static List<String> variables(Organisation org) {
        return org.problems().stream().map(Organisation.Problem::variable).toList();
    }

    @Test
    void acceptsACompleteIdentityWithAValidBin() {
        assertEquals(List.of(), complete().problems());
        assertTrue(Organisation.hasValidControlDigit(BIN));
    }

    @Test
    void theIdentitiesTheTestsRunAsAreAccepted() {
        assertEquals(List.of(), Fixtures.ORG.problems());
        assertEquals(List.of(), new Organisation(TestOrganisation.BIN, TestOrganisation.NAME, TestOrganisation.ADDRESS,
                TestOrganisation.PHONE, TestOrganisation.EMAIL, TestOrganisation.EXECUTOR, TestOrganisation.HEAD).problems());
    }

    @Test
    void acceptsABinWhoseControlDigitNeedsTheSecondWeights() {
        // 14054000060: weights 1..11 give 1 + 8 + 20 + 20 + 60 = 109, 109 mod 11 = 10, so weights 3..11, 1, 2:
        // 3 + 16 + 30 + 28 + 6 = 83, 83 mod 11 = 6
        assertTrue(Organisation.hasValidControlDigit("140540000606"));
        assertEquals(6, Organisation.controlDigit("140540000606"));
    }

    @Test
    void refusesABinWithAWrongControlDigitAndSaysWhichItShouldBe() {
        // 12345678901: weights 1..11 give 296, mod 11 = 10; weights 3..11, 1, 2 give 377, mod 11 = 3, not 2
        Organisation org = with("123456789012", "a", "b", "+7 7212 41 00 00", "a@enbek.gov.kz", "c", "d");
        assertEquals(List.of(new Organisation.Problem("ORG_BIN", "'123456789012' ends in 2 but its control digit is 3 "
                + "(a mistyped digit?); accepted: the organisation's BIN, 12 digits ending in a valid control digit")),
                org.problems());
    }

    @Test
    void refusesElevenDigitsForWhichNoControlDigitIsValid() {
        // 14054000062: 109 + 11·2 = 131, mod 11 = 10; 83 + 2·2 = 87, mod 11 = 10 again
        assertEquals(10, Organisation.controlDigit("140540000620"));
        for (int last = 0; last <= 9; last++) {
            assertFalse(Organisation.hasValidControlDigit("14054000062" + last));
        }
        Organisation org = with("140540000620", "a", "b", "+7 7212 41 00 00", "a@enbek.gov.kz", "c", "d");
        assertTrue(org.problems().get(0).message().contains("no control digit is valid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "13094002153", "1309400215361", "13094002153a", "130 940 021 536", "000000000000"})
    void refusesABinThatIsNotTwelveRealDigits(String bin) {
        Organisation org = complete();
        Organisation wrong = with(bin, org.name(), org.address(), org.phone(), org.email(), org.executor(), org.head());
        assertEquals(List.of("ORG_BIN"), variables(wrong));
        assertTrue(wrong.problems().get(0).message().endsWith("accepted: the organisation's BIN, 12 digits ending in a "
                + "valid control digit"), wrong.problems().get(0).message());
    }

    @Test
    void namesEveryMissingSettingInOrder() {
        Organisation empty = with(null, null, "", " ", null, "", null);
        assertEquals(List.of("ORG_BIN", "ORG_NAME", "ORG_ADDRESS", "ORG_PHONE", "ORG_EMAIL", "ORG_EXECUTOR", "ORG_HEAD"),
                variables(empty));
        assertEquals("ORG_HEAD: is not set; accepted: the full name of the head or the person authorised to sign, "
                + "e.g. «Омаров Нұрлан Қайратұлы»", empty.problems().get(6).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TODO", "todo: fill in", "changeme", "CHANGE_ME", "Example organisation", "xxx", "XXXX",
            "ххх", "<organisation name>", "${ORG_NAME}", "{{name}}", "N/A", "none", "-", "—", "...", "___", "?",
            "test", "Demo", "ORG_NAME", "Lorem ipsum", "placeholder", "TBD", "[name]"})
    void refusesPlaceholdersAsTheName(String placeholder) {
        Organisation org = complete();
        Organisation wrong = with(org.bin(), placeholder, org.address(), org.phone(), org.email(), org.executor(), org.head());
        assertEquals(List.of("ORG_NAME"), variables(wrong));
        assertTrue(wrong.problems().get(0).message().contains(" is a placeholder; accepted: the organisation's name"),
                wrong.problems().get(0).message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Мемлекеттік еңбек инспекциясы комитеті", "ТОО «Тестовый полигон»", "Nazarbayev University",
            "Department No. 5", "Экспертный центр"})
    void acceptsRealNamesThatMerelyContainAPlaceholderLikeSubstring(String name) {
        Organisation org = complete();
        assertEquals(List.of(), with(org.bin(), name, org.address(), org.phone(), org.email(), org.executor(), org.head())
                .problems());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspection@systest.example", "stat@example.com", "a@labour.invalid", "a@b.test", "a@localhost"})
    void refusesAnEmailAtADomainReservedForExamples(String email) {
        Organisation org = complete();
        Organisation wrong = with(org.bin(), org.name(), org.address(), org.phone(), email, org.executor(), org.head());
        assertEquals(List.of("ORG_EMAIL"), variables(wrong));
    }

    @ParameterizedTest
    @ValueSource(strings = {"karaganda", "a@b", "a@@b.kz", "a b@c.kz", "a@b.kz, c@d.kz"})
    void refusesWhatIsNotOneEmailAddress(String email) {
        Organisation org = complete();
        Organisation wrong = with(org.bin(), org.name(), org.address(), org.phone(), email, org.executor(), org.head());
        assertEquals(List.of("ORG_EMAIL"), variables(wrong));
        assertTrue(wrong.problems().get(0).message().endsWith("accepted: one address, name@domain.kz"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "000000", "+7 000 000 00 00", "телефон"})
    void refusesAPhoneWithoutEnoughRealDigits(String phone) {
        Organisation org = complete();
        Organisation wrong = with(org.bin(), org.name(), org.address(), phone, org.email(), org.executor(), org.head());
        assertEquals(List.of("ORG_PHONE"), variables(wrong));
    }

    @Test
    void acceptsPhonesAsPeopleWriteThem() {
        Organisation org = complete();
        for (String phone : List.of("+7 (7212) 41-00-00", "8 7172 74 00 00", "+77212410000 (ішкі 105)")) {
            assertEquals(List.of(), with(org.bin(), org.name(), org.address(), phone, org.email(), org.executor(),
                    org.head()).problems(), phone);
        }
    }
}
