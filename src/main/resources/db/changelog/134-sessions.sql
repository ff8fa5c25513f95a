--liquibase formatted sql

--changeset support-agent:134-spring-session
--comment: Dashboard sessions in PostgreSQL (Spring Session JDBC), so that any node serves any signed-in person: the
--comment: layout of Spring Session's own schema-postgresql.sql, created here rather than by Spring's initializer so
--comment: that it is versioned and rolled back like the rest. Global: a session belongs to a person, who may switch
--comment: organizations within it. PRINCIPAL_NAME is the account id, to end a person's sessions after a password reset.
CREATE TABLE spring_session (
    primary_id             char(36) NOT NULL,
    session_id             char(36) NOT NULL,
    creation_time          bigint NOT NULL,
    last_access_time       bigint NOT NULL,
    max_inactive_interval  int NOT NULL,
    expiry_time            bigint NOT NULL,
    principal_name         varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);
CREATE TABLE spring_session_attributes (
    session_primary_id  char(36) NOT NULL,
    attribute_name      varchar(200) NOT NULL,
    attribute_bytes     bytea NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
--rollback DROP TABLE spring_session_attributes;
--rollback DROP TABLE spring_session;
