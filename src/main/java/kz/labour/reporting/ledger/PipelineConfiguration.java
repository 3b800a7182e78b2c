package kz.labour.reporting.ledger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

import kz.labour.reporting.DatabasePool;

/**
 * The pipeline's own database: the ledger and the scheduler's tables. An unreachable or silent server
 * fails within the connect timeout, in one line ({@link DatabasePool}). No socket timeout: a ledger
 * statement may wait, by design, for another run's lock of the same form and period.
 */
@Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {

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
}
