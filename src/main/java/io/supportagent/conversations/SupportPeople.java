package io.supportagent.conversations;

import io.supportagent.platform.AccountId;
import java.util.Optional;

/**
 * Who may take conversations in the inbox: members of the organization in context whose role opens it. The members
 * module owns people and implements this; declaring it here keeps the dependency one way.
 */
public interface SupportPeople {

    /** The member as a teammate, when they belong to the organization in context and their role opens the inbox. */
    Optional<Teammate> supportPerson(AccountId account);
}
