package io.supportagent.members;

import io.supportagent.platform.AccountId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * The dashboard's sessions as Spring Session keeps them in PostgreSQL, indexed by the account id (their name). Commands
 * run without a web server have no session repository, and no sessions to end.
 */
@Component
class Sessions {

    private final FindByIndexNameSessionRepository<? extends Session> repository;

    Sessions(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> repository) {
        this.repository = repository.getIfAvailable();
    }

    /** Ends every session of the person, on every node (they share the table). */
    void endAllOf(AccountId account) {
        if (repository != null) {
            repository.findByPrincipalName(account.toString()).keySet().forEach(repository::deleteById);
        }
    }
}
