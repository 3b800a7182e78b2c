package kz.labour.reporting.receipts;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.dao.DataIntegrityViolationException;

import kz.labour.reporting.ledger.PipelineDatabase;

/**
 * The acknowledgement files already read, in the pipeline database (Camel's JDBC idempotent repository,
 * table camel_messageprocessed of db/pipeline/V7__receipts.sql), shared by every instance: where the
 * server forbids moving a file to done/ or failed/, it is still read once. Opened on first use, so the
 * service starts while the pipeline database is down.
 */
final class ReadFiles extends ServiceSupport implements IdempotentRepository {

    static final String PROCESSOR = "receipts-sftp";

    private final PipelineDatabase database;
    private volatile JdbcMessageIdRepository jdbc;

    ReadFiles(PipelineDatabase database) {
        this.database = database;
    }

    private JdbcMessageIdRepository jdbc() {
        if (jdbc == null) {
            synchronized (this) {
                if (jdbc == null) {
                    JdbcMessageIdRepository r = new JdbcMessageIdRepository(database.dataSource(), PROCESSOR);
                    r.setCreateTableIfNotExists(false);
                    r.start();
                    jdbc = r;
                }
            }
        }
        return jdbc;
    }

    @Override
    public boolean add(String key) {
        try {
            return jdbc().add(key);
        } catch (DataIntegrityViolationException e) {
            // another instance took the same file at the same moment: it is theirs
            return false;
        }
    }

    @Override
    public boolean contains(String key) {
        return jdbc().contains(key);
    }

    @Override
    public boolean remove(String key) {
        return jdbc().remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return jdbc().confirm(key);
    }

    @Override
    public void clear() {
        jdbc().clear();
    }

    @Override
    protected void doStop() {
        if (jdbc != null) {
            jdbc.stop();
        }
    }
}
