package dev.vigil.database;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Starts the embedded PostgreSQL when no database URL is configured, and stops it after the pool closes. */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseUrl.class)
@EnableConfigurationProperties(DatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DatabaseProperties properties) throws IOException {
        return EmbeddedPostgres.open(properties.dataDir(), properties.attachToRunning());
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername("postgres");
        dataSource.setPoolName("vigil-embedded");
        dataSource.setMaximumPoolSize(16);
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        return dataSource;
    }

    static class NoDatabaseUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
