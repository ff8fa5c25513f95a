package io.supportagent.platform;

import java.util.UUID;

/** What every typed id (a record around one uuid) is: what the database stores for it. */
public interface TypedId {

    UUID value();
}
