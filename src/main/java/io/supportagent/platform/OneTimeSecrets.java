package io.supportagent.platform;

import java.util.List;

/**
 * The secrets the platform shows exactly once and otherwise keeps only as a hash (or, for signing secrets, only where
 * it signs): secret API keys, widget conversation tokens, webhook signing secrets and identity-verification
 * secrets, and invitation links. Anything that stores answers for later (idempotent replays) must leave them out; they are recognised by
 * their prefixes, which every module that issues one takes from here.
 */
public final class OneTimeSecrets {

    public static final String CONVERSATION_TOKEN = "ct_";
    public static final String WEBHOOK_SECRET = "whsec_";
    public static final String IDENTITY_SECRET = "idsec_";
    /** An invitation to join an organization; also recognised inside the link that carries it. */
    public static final String INVITATION_TOKEN = "inv_";

    private static final List<String> PREFIXES = List.of(
            KeyFormat.Type.LIVE_SECRET.prefix(),
            KeyFormat.Type.TEST_SECRET.prefix(),
            CONVERSATION_TOKEN,
            WEBHOOK_SECRET,
            IDENTITY_SECRET,
            INVITATION_TOKEN);

    private OneTimeSecrets() {}

    /** Whether {@code text} is one of those secrets (widget keys are public and are not). */
    public static boolean isOneTimeSecret(String text) {
        if (text == null) {
            return false;
        }
        for (String prefix : PREFIXES) {
            if (text.startsWith(prefix) && text.length() > prefix.length() + 16) {
                return true;
            }
            // A link that carries one (an invitation URL) is as secret as the token in it.
            int inLink = text.indexOf("token=" + prefix);
            if (inLink >= 0 && text.length() > inLink + "token=".length() + prefix.length() + 16) {
                return true;
            }
        }
        return false;
    }
}
