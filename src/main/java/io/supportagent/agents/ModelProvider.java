package io.supportagent.agents;

import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.Message;
import java.util.List;
import java.util.function.Consumer;

/** Writes the agent's reply to the conversation's latest customer message, with the bound tools. */
interface ModelProvider {

    /**
     * @param deltas receives the reply's text piece by piece, on the calling thread
     * @return the whole reply text
     */
    String reply(Turn turn, AgentTools tools, Consumer<String> deltas);

    /** One turn: the agent's profile, the conversation and its messages so far (the customer's latest last). */
    record Turn(AgentProfile profile, Conversation conversation, List<Message> history) {

        String latest() {
            return history.isEmpty() ? "" : history.getLast().content();
        }
    }
}
