--liquibase formatted sql

--changeset support-agent:183-conversation-rating-requested
--comment: Whether the shopper is asked to rate the conversation once it is resolved. The person who resolves decides,
--comment: each time: spam, a test, or a shopper who left should not get a survey. Conversations resolved before this
--comment: change were all asked, so the default is true.
ALTER TABLE conversations ADD COLUMN rating_requested boolean NOT NULL DEFAULT true;
--rollback ALTER TABLE conversations DROP COLUMN rating_requested;
