package kz.labour.reporting.ledger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

/** The pipeline's own database: the ledger and the scheduler's tables. */
@Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {

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
}
