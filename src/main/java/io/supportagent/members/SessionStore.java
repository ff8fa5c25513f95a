package io.supportagent.members;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.session.jdbc.config.annotation.SpringSessionTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Where dashboard sessions live: PostgreSQL through the request pool (Spring Session JDBC), in tables of no tenant.
 * Their transactions skip the tenant-aware transaction manager: sessions are nobody's tenant data, so setting the
 * tenant there would only cost a statement per session read and write.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

    @Bean
    @SpringSessionTransactionManager
    PlatformTransactionManager sessionTransactions(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }
}
