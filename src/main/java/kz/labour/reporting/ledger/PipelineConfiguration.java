package kz.labour.reporting.ledger;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

/** The pipeline's own database: the ledger and the scheduler's tables, and its transactions. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean(destroyMethod = "close")
    public HikariDataSource pipelineDataSource(@Value("${pipeline.datasource.url}") String url,
                                               @Value("${pipeline.datasource.username}") String username,
                                               @Value("${pipeline.datasource.password:}") String password,
                                               @Value("${pipeline.datasource.connect-timeout-seconds:10}") int connectTimeout) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName("pipeline");
        ds.setJdbcUrl(url);
        ds.setUsername(username);
        ds.setPassword(password);
        ds.setMaximumPoolSize(6);
        ds.setMinimumIdle(0);
        ds.setConnectionTimeout(connectTimeout * 1000L);
        // Connect when first used: bad arguments are refused, and the service starts, without the database.
        ds.setInitializationFailTimeout(-1);
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
