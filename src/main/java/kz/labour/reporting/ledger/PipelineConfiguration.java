package kz.labour.reporting.ledger;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

import kz.labour.reporting.DatabasePool;

/**
 * The pipeline's own database: the ledger and the scheduler's tables. An unreachable or silent server
 * fails within the connect timeout, in one line ({@link DatabasePool}). No socket timeout: a ledger
 * statement may wait, by design, for another run's lock of the same form and period.
 */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean(destroyMethod = "close")
    public HikariDataSource pipelineDataSource(@Value("${pipeline.datasource.url}") String url,
                                               @Value("${pipeline.datasource.username}") String username,
                                               @Value("${pipeline.datasource.password:}") String password,
                                               @Value("${pipeline.datasource.connect-timeout-seconds:10}") int connectTimeout) {
        // Connects when first used: bad arguments are refused, and the service starts, without the database.
        HikariDataSource ds = new DatabasePool("pipeline", "PIPELINE_DB", url, username, password, connectTimeout);
        ds.setMaximumPoolSize(6);
        return ds;
    }

    /**
     * Transactions on the pipeline database, so that a change of the ledger and its event are written
     * together or not at all (PipelineDatabase#inTransaction). The only transaction manager of the
     * context: the source is read-only and Quartz's job store runs its own transactions (JobStoreTX).
     */
    @Bean
    public DataSourceTransactionManager pipelineTransactionManager(@Qualifier("pipelineDataSource") DataSource pipelineDataSource) {
        return new DataSourceTransactionManager(pipelineDataSource);
    }
}
