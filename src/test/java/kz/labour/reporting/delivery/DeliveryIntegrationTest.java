package kz.labour.reporting.delivery;

import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU;
import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU_ARCHIVE;
import static kz.labour.reporting.support.DeliveryEnvironment.CUT_OFF;
import static kz.labour.reporting.support.DeliveryEnvironment.FROM;
import static kz.labour.reporting.support.DeliveryEnvironment.OPERATOR;
import static kz.labour.reporting.support.DeliveryEnvironment.run;
import static kz.labour.reporting.support.DeliveryEnvironment.transmit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Manifest;
import kz.labour.reporting.form.Sha256;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.ChannelStatus;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.quality.HistoryStore;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.DeliveryEnvironment.Run;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;

/**
 * Delivery end to end against a real SFTP server (host key, known_hosts, key with passphrase), a real
 * mail relay and the ledger in PostgreSQL, through the CLI as an operator runs it. Each test uses its
 * own month of the fixture so the tests do not depend on each other.
 */
@PipelineTest
class DeliveryIntegrationTest {

    /** The servers and databases of this class, stopped after its last test. */
    @RegisterExtension
    static final DeliveryEnvironment env = new DeliveryEnvironment();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        env.register(registry);
    }

    @Autowired
    Cli cli;

    @Autowired
    Ledger ledger;

    @Autowired
    HistoryStore history;

    @BeforeEach
    void serversUpAndMailboxesEmpty() {
        env.reset();
    }

    @Test
    void deliversBothFormsBySftpAndMailAndRecordsThemDelivered() throws Exception {
        Run run = run(cli, "transmit", "--period", "2025-06", "--as-of", CUT_OFF);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("2-OZh     2025-06  V0001 N DELIVERED").contains("1-MEIZhM  2025-06  V0001 N DELIVERED");
        assertThat(env.remoteFiles()).filteredOn(name -> name.contains("_2025-06_")).containsExactly(
                "1-MEIZhM_2025-06_V0001_N.json", "1-MEIZhM_2025-06_V0001_N.manifest.json", "1-MEIZhM_2025-06_V0001_N.validation.json",
                "1-MEIZhM_2025-06_V0001_N.xlsx",
                "2-OZh_2025-06_V0001_N.json", "2-OZh_2025-06_V0001_N.manifest.json", "2-OZh_2025-06_V0001_N.validation.json",
                "2-OZh_2025-06_V0001_N.xlsx");
        // the manifest went up last, after the files it lists (the validation report among them)
        assertThat(env.sftp.completedUploads()).containsSubsequence("2-OZh_2025-06_V0001_N.xlsx", "2-OZh_2025-06_V0001_N.json",
                "2-OZh_2025-06_V0001_N.validation.json", "2-OZh_2025-06_V0001_N.manifest.json");
        for (String stem : List.of("1-MEIZhM_2025-06_V0001_N", "2-OZh_2025-06_V0001_N")) {
            Path manifestFile = env.remoteDir().resolve(stem + ".manifest.json");
            Manifest manifest = Manifest.parse(Files.readAllBytes(manifestFile));
            assertThat(manifest.files()).extracting(Manifest.FileRef::name).containsExactly(stem + ".xlsx", stem + ".json",
                    stem + ".validation.json");
            assertThat(manifest.signed()).as("no signing key configured here").isFalse();
            for (Manifest.FileRef ref : manifest.files()) {
                byte[] uploaded = Files.readAllBytes(env.remoteDir().resolve(ref.name()));
                assertThat(Sha256.hex(uploaded)).as(ref.name()).isEqualTo(ref.sha256());
                assertThat((long) uploaded.length).as(ref.name()).isEqualTo(ref.size());
            }
            assertThat(Files.readAllBytes(manifestFile)).isEqualTo(Files.readAllBytes(outbox("2025-06").resolve(stem + ".manifest.json")));
        }

        for (String form : List.of("1-MEIZhM", "2-OZh")) {
            Transmission t = ledger.latest(FormId.parse(form), YearMonth.parse("2025-06")).orElseThrow();
            assertThat(t.version()).isEqualTo(Version.of(1));
            assertThat(t.action()).isEqualTo('N');
            assertThat(t.status()).isEqualTo(Status.DELIVERED);
            assertThat(t.sftpStatus()).isEqualTo(ChannelStatus.DONE);
            assertThat(t.mailStatus()).isEqualTo(ChannelStatus.DONE);
            assertThat(t.deliveries()).isEqualTo(1);
            assertThat(t.files()).extracting(f -> f.name()).containsExactly(
                    form + "_2025-06_V0001_N.xlsx", form + "_2025-06_V0001_N.json", form + "_2025-06_V0001_N.validation.json",
                    form + "_2025-06_V0001_N.manifest.json");
            // kept as history for the quality checks of later months
            assertThat(history.latest(FormId.parse(form), Accumulation.MONTH, YearMonth.parse("2025-06"), YearMonth.parse("2025-06")))
                    .hasEntrySatisfying(YearMonth.parse("2025-06"), p -> assertThat(p.version()).isEqualTo(1));
        }

        assertThat(env.mailsTo(BUREAU)).hasSize(2);
        assertThat(env.mailsTo(BUREAU_ARCHIVE)).hasSize(2);
        assertThat(env.mailsTo(OPERATOR)).isEmpty();
        MailMessages injuries = mail(BUREAU, "2-ӨЖ · 2025 жылғы маусым / июнь 2025 года · V0001");
        assertThat(injuries.from()).isEqualTo(FROM);
        assertThat(injuries.to()).containsExactly(BUREAU, BUREAU_ARCHIVE);
        // fixture june-2025.sql, 2-ӨЖ total row: 4 accidents (2 group), 7 victims (5 in groups): 4 light or
        // moderate, 1 severe, 2 fatal
        assertThat(injuries.text()).contains(
                "«Өндірістік жарақаттанудың жай-күйі туралы мәліметтер» (2-ӨЖ) нысаны, 2025 жылғы маусым, V0001 нұсқасы: жаңа.",
                "Деректер жағдайы: 01.07.2025 06:00:00 (Asia/Almaty, UTC+05:00)",
                "Жиыны (Қазақстан Республикасы):\n"
                        + "  2. Барлығы жазатайым оқиғалар саны, бірлік: 4\n"
                        + "  3. Оның ішінде топтық, бірлік: 2\n"
                        + "  4. Барлығы зардап шеккендер саны, адам: 7\n"
                        + "  5. Топтық жазатайым оқиғаларда зардап шеккендердің саны, адам: 5\n"
                        + "  6. Жеңіл және орташа дәрежедегі зардап шеккендердің саны, адам: 4\n"
                        + "  7. Ауыр нәтижемен зардап шеккендер саны, адам: 1\n"
                        + "  8. Қаза тапқандар саны, адам: 2\n",
                "Ескертулер жоқ.",
                "Форма «Сведения о состоянии производственного травматизма» (2-ӨЖ) за июнь 2025 года, версия V0001: новая.",
                "Данные по состоянию на: 01.07.2025 06:00:00 (Asia/Almaty, UTC+05:00)",
                "Итого (Республика Казахстан):\n  2. Всего несчастных случаев, единиц: 4\n",
                "  8. погибших, человек: 2\n",
                "Предупреждений нет.",
                "Вложенные файлы: 2-OZh_2025-06_V0001_N.xlsx, 2-OZh_2025-06_V0001_N.json");
        assertThat(injuries.attachments()).extracting(MailMessages.Received::name)
                .containsExactly("2-OZh_2025-06_V0001_N.xlsx", "2-OZh_2025-06_V0001_N.json", "2-OZh_2025-06_V0001_N.validation.json");
        assertThat(injuries.attachments().get(0).contentType()).startsWith(MailComposer.XLSX);
        assertThat(injuries.attachments().get(1).contentType()).startsWith("application/json");
        for (MailMessages.Received attachment : injuries.attachments()) {
            assertThat(attachment.content()).as(attachment.name())
                    .isEqualTo(Files.readAllBytes(env.remoteDir().resolve(attachment.name())));
        }

        MailMessages inspections = mail(BUREAU, "1-МЕИЖМ · 2025 жылғы маусым / июнь 2025 года · V0001");
        // fines: Karaganda 12 450 ₸ -> 12.5, East Kazakhstan 49 950 ₸ -> 50.0; Abai has a criminal case and no referral
        assertThat(inspections.text()).contains(
                "  9. Әкімшілік айыппұлдардың сомасы (мың теңге): 62,5\n",
                "Ескертулер (жіберуге кедергі келтірмейді):\n  • 100000000 Абай облысы: қозғалған қылмыстық істер саны "
                        + "(16-баған) құқық қорғау органдарына берілген материалдар санынан (15-баған) көп (c15=0, c16=1)\n",
                "Предупреждения (не препятствуют отправке):\n  • 100000000 область Абай: возбужденных уголовных дел (гр. 16) "
                        + "больше, чем материалов, переданных в правоохранительные органы (гр. 15) (c15=0, c16=1)\n");
    }

    @Test
    void aSecondPlainRunSendsNothingAndSaysWhichVersionWasDeliveredWhen() {
        assertThat(transmit(cli, "2025-05", "2-OZh").exitCode()).isZero();
        List<String> uploads = env.sftp.completedUploads();
        Transmission delivered = ledger.latest(FormId.OZH, YearMonth.parse("2025-05")).orElseThrow();

        Run again = transmit(cli, "2025-05", "2-OZh");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("ALREADY_DELIVERED", "already delivered V0001 on "
                + delivered.updatedAt().atZoneSameInstant(java.time.ZoneId.of("Asia/Almaty")).toOffsetDateTime()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(env.sftp.completedUploads()).isEqualTo(uploads);
        assertThat(env.mailsTo(BUREAU)).hasSize(1);
        assertThat(ledger.history(FormId.OZH, YearMonth.parse("2025-05"))).singleElement()
                .satisfies(t -> assertThat(t.deliveries()).isEqualTo(1));
    }

    @Test
    void anInterruptedDeliveryIsFinishedWithoutUploadingAgainWhatReachedTheServer() throws Exception {
        assertThat(transmit(cli, "2024-12", "2-OZh").exitCode()).isZero();
        List<String> uploads = env.sftp.completedUploads();
        // The process died after the upload, before the ledger heard of it and before the e-mail went
        env.mail.purgeEmailFromAllMailboxes();
        TestPostgres.execute(TestPostgres.dataSource(env.pipeline), """
                UPDATE transmission SET status = 'DELIVERING', sftp_status = 'PENDING', sftp_at = NULL,
                       mail_status = 'PENDING', mail_at = NULL, deliveries = 0
                 WHERE form = '2-OZh' AND period = '2024-12'
                """);

        Run rerun = transmit(cli, "2024-12", "2-OZh");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("V0001 N DELIVERED");
        assertThat(env.sftp.completedUploads()).isEqualTo(uploads);
        assertThat(env.mailsTo(BUREAU)).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("2-ӨЖ · 2024 жылғы желтоқсан / декабрь 2024 года · V0001"));
        Transmission t = ledger.latest(FormId.OZH, YearMonth.parse("2024-12")).orElseThrow();
        assertThat(t.status()).isEqualTo(Status.DELIVERED);
        assertThat(t.sftpStatus()).isEqualTo(ChannelStatus.DONE);
        assertThat(t.deliveries()).isEqualTo(1);
    }

    @Test
    void forceWithUnchangedNumbersSendsNothing() {
        assertThat(transmit(cli, "2025-04", "2-OZh").exitCode()).isZero();
        List<String> uploads = env.sftp.completedUploads();

        Run force = transmit(cli, "2025-04", "2-OZh", "--force");

        assertThat(force.exitCode()).as(force.toString()).isZero();
        assertThat(force.out()).contains("UNCHANGED", "numbers unchanged since V0001; nothing sent");
        assertThat(env.sftp.completedUploads()).isEqualTo(uploads);
        assertThat(env.mailsTo(BUREAU)).hasSize(1);
        assertThat(ledger.history(FormId.OZH, YearMonth.parse("2025-04"))).hasSize(1);
    }

    @Test
    void forceWithChangedNumbersDeliversTheNextVersionAsAReplacement() throws Exception {
        assertThat(transmit(cli, "2025-03", "2-OZh").exitCode()).isZero();
        // one severe accident in Pavlodar, recorded before the cut-off, appears after V0001 was sent
        TestPostgres.execute(TestPostgres.dataSource(env.source), """
                INSERT INTO accident (id, recorded_at, region_kato, occurred_on)
                     VALUES (301, '2025-03-10 12:00+05', '550000000', '2025-03-10');
                INSERT INTO accident_victim (id, recorded_at, accident_id, severity)
                     VALUES (301, '2025-03-10 12:00+05', 301, 'SEVERE');
                """);

        Run force = transmit(cli, "2025-03", "2-OZh", "--force");

        assertThat(force.exitCode()).as(force.toString()).isZero();
        assertThat(force.out()).contains("V0002 R DELIVERED");
        assertThat(env.remoteFiles()).filteredOn(name -> name.startsWith("2-OZh_2025-03")).containsExactly(
                "2-OZh_2025-03_V0001_N.json", "2-OZh_2025-03_V0001_N.manifest.json", "2-OZh_2025-03_V0001_N.validation.json",
                "2-OZh_2025-03_V0001_N.xlsx",
                "2-OZh_2025-03_V0002_R.json", "2-OZh_2025-03_V0002_R.manifest.json", "2-OZh_2025-03_V0002_R.validation.json",
                "2-OZh_2025-03_V0002_R.xlsx");
        List<Transmission> history = ledger.history(FormId.OZH, YearMonth.parse("2025-03"));
        assertThat(history).extracting(Transmission::version, Transmission::action, Transmission::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Version.of(1), 'N', Status.DELIVERED),
                org.assertj.core.groups.Tuple.tuple(Version.of(2), 'R', Status.DELIVERED));
        assertThat(history.get(1).contentHash()).isNotEqualTo(history.get(0).contentHash());
        MailMessages replacement = mail(BUREAU, "2-ӨЖ · 2025 жылғы наурыз / март 2025 года · V0002");
        assertThat(replacement.text()).contains("V0002 нұсқасы: осы кезеңнің алдыңғы нұсқасын ауыстырады.",
                "  2. Барлығы жазатайым оқиғалар саны, бірлік: 1\n", "  7. Ауыр нәтижемен зардап шеккендер саны, адам: 1\n");
        assertThat(replacement.attachments()).extracting(MailMessages.Received::name)
                .containsExactly("2-OZh_2025-03_V0002_R.xlsx", "2-OZh_2025-03_V0002_R.json", "2-OZh_2025-03_V0002_R.validation.json");
    }

    @Test
    void resendSendsTheStoredFilesAgainAndLeavesAFileStillOnTheServerAlone() throws Exception {
        assertThat(transmit(cli, "2025-02", "1-MEIZhM").exitCode()).isZero();
        byte[] xlsx = Files.readAllBytes(outbox("2025-02").resolve("1-MEIZhM_2025-02_V0001_N.xlsx"));
        // the bureau has taken the workbook away; the .json and the manifest are still there
        Files.delete(env.remoteDir().resolve("1-MEIZhM_2025-02_V0001_N.xlsx"));
        int uploadsBefore = env.sftp.completedUploads().size();

        Run resend = transmit(cli, "2025-02", "1-MEIZhM", "--resend");

        assertThat(resend.exitCode()).as(resend.toString()).isZero();
        assertThat(resend.out()).contains("sent again as");
        List<String> uploads = env.sftp.completedUploads();
        assertThat(uploads.subList(uploadsBefore, uploads.size())).containsExactly("1-MEIZhM_2025-02_V0001_N.xlsx");
        assertThat(Files.readAllBytes(env.remoteDir().resolve("1-MEIZhM_2025-02_V0001_N.xlsx"))).isEqualTo(xlsx);
        List<jakarta.mail.internet.MimeMessage> mails = env.mailsTo(BUREAU);
        assertThat(mails).hasSize(2);
        MailMessages first = MailMessages.read(mails.get(0));
        MailMessages second = MailMessages.read(mails.get(1));
        assertThat(second.subject()).isEqualTo(first.subject()).isEqualTo("1-МЕИЖМ · 2025 жылғы ақпан / февраль 2025 года · V0001");
        assertThat(second.attachments().get(0).content()).isEqualTo(xlsx);
        Transmission t = ledger.latest(FormId.MEIZHM, YearMonth.parse("2025-02")).orElseThrow();
        assertThat(t.status()).isEqualTo(Status.DELIVERED);
        assertThat(t.deliveries()).isEqualTo(2);
        assertThat(ledger.history(FormId.MEIZHM, YearMonth.parse("2025-02"))).hasSize(1);
    }

    @Test
    void resendRefusesToOverwriteAFileOnTheServerWithOtherContent() throws Exception {
        assertThat(transmit(cli, "2025-01", "1-MEIZhM").exitCode()).isZero();
        Path json = env.remoteDir().resolve("1-MEIZhM_2025-01_V0001_N.json");
        Files.writeString(json, "{\"edited\": \"by someone else\"}\n");

        Run resend = transmit(cli, "2025-01", "1-MEIZhM", "--resend");

        assertThat(resend.exitCode()).as(resend.toString()).isEqualTo(4);
        assertThat(Files.readString(json)).isEqualTo("{\"edited\": \"by someone else\"}\n");
        Transmission t = ledger.latest(FormId.MEIZHM, YearMonth.parse("2025-01")).orElseThrow();
        assertThat(t.sftpStatus()).isEqualTo(ChannelStatus.FAILED);
        assertThat(t.sftpError()).startsWith(DeliveryEnvironment.DIRECTORY + "/1-MEIZhM_2025-01_V0001_N.json is already on "
                + env.sftp.host() + ":" + env.sftp.port() + " with other content");
        // the version stays delivered: the bureau has had it since the first run
        assertThat(t.status()).isEqualTo(Status.DELIVERED);
        assertThat(t.deliveries()).isEqualTo(1);
        assertThat(env.mailsTo(OPERATOR)).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("labour-reporting: 1-MEIZhM 2025-01 V0001 not sent again"));
    }

    @Test
    void aValidationErrorIsRejectedWithExitCode3AndNothingIsSent() {
        // an accident with no victims: the source check rejects the month
        TestPostgres.execute(TestPostgres.dataSource(env.source), """
                INSERT INTO accident (id, recorded_at, region_kato, occurred_on)
                     VALUES (302, '2025-01-10 12:00+05', '350000000', '2025-01-10');
                """);

        Run run = transmit(cli, "2025-01", "2-OZh");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("REJECTED");
        assertThat(env.remoteFiles()).noneMatch(name -> name.startsWith("2-OZh_2025-01"));
        assertThat(env.mailsTo(BUREAU)).isEmpty();
        assertThat(ledger.latest(FormId.OZH, YearMonth.parse("2025-01")).orElseThrow().status()).isEqualTo(Status.REJECTED);
    }

    private MailMessages mail(String mailbox, String subject) {
        return env.mailsTo(mailbox).stream().map(MailMessages::read).filter(m -> m.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no message '" + subject + "' in " + mailbox + ": "
                        + env.mailsTo(mailbox).stream().map(MailMessages::read).map(MailMessages::subject).toList()));
    }

    private static Path outbox(String period) {
        return env.outbox.resolve(period);
    }

    static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
