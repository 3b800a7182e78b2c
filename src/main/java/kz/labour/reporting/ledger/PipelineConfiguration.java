package kz.labour.reporting.ledger;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

/** The pipeline's own database (ledger, scheduler tables), migrated by Flyway when first used. */
@Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {

    @Bean(destroyMethod = "close")
    public HikariDataSource pipelineDataSource(@Value("${pipeline.datasource.url}") String url,
                                               @Value("${pipeline.datasource.username}") String username,
                                               @Value("${pipeline.datasource.password:}") String password) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName("pipeline");
        ds.setJdbcUrl(url);
        ds.setUsername(username);
        ds.setPassword(password);
        ds.setMaximumPoolSize(6);
        ds.setMinimumIdle(0);
        ds.setInitializationFailTimeout(-1);
        return ds;
    }

    /** The ledger's schema; the migration runs once per start, before anything reads the ledger. */
    @Bean(initMethod = "migrate")
    public Flyway pipelineFlyway(HikariDataSource pipelineDataSource) {
        return Flyway.configure().dataSource(pipelineDataSource).locations("classpath:db/pipeline")
                .table("flyway_schema_history").load();
    }
}
