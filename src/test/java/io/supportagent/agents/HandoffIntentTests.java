package io.supportagent.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.agents.HandoffIntent.Reason;
import org.junit.jupiter.api.Test;

class HandoffIntentTests {

    @Test
    void hearsEachReasonInTheFiveLanguages() {
        assertThat(HandoffIntent.of("Can I please talk to someone on your staff?"))
                .contains(Reason.PERSON);
        assertThat(HandoffIntent.of("¿Puedo hablar con un agente?")).contains(Reason.PERSON);
        assertThat(HandoffIntent.of("Je veux parler à un humain")).contains(Reason.PERSON);
        assertThat(HandoffIntent.of("Bitte verbinden Sie mich mit einem Menschen"))
                .contains(Reason.PERSON);
        assertThat(HandoffIntent.of("Quero falar com uma pessoa")).contains(Reason.PERSON);

        assertThat(HandoffIntent.of("This is ridiculous, I've waited three weeks"))
                .contains(Reason.COMPLAINT);
        assertThat(HandoffIntent.of("WHERE IS MY STUFF, THIS IS A JOKE!!!")).contains(Reason.COMPLAINT);
        assertThat(HandoffIntent.of("Estoy muy enfadado con el servicio")).contains(Reason.COMPLAINT);
        assertThat(HandoffIntent.of("Your delivery service is a nightmare")).contains(Reason.COMPLAINT);
        assertThat(HandoffIntent.of("I've been waiting ten days for a reply to my email"))
                .contains(Reason.COMPLAINT);
        assertThat(HandoffIntent.of("I'm still waiting for my parcel")).isEmpty(); // an order question

        assertThat(HandoffIntent.of("I was double charged for one jacket")).contains(Reason.PAYMENT_DISPUTE);
        assertThat(HandoffIntent.of("Me cobraron dos veces el mismo pedido")).contains(Reason.PAYMENT_DISPUTE);
        assertThat(HandoffIntent.of("Je vais contester ce prélèvement, c'est une arnaque"))
                .contains(Reason.PAYMENT_DISPUTE);

        assertThat(HandoffIntent.of("My account was hacked last night")).contains(Reason.ACCOUNT_SECURITY);
        assertThat(HandoffIntent.of("Alguém entrou na minha conta")).contains(Reason.ACCOUNT_SECURITY);

        assertThat(HandoffIntent.of("My attorney will be in touch")).contains(Reason.LEGAL);
        assertThat(HandoffIntent.of("Ich werde Sie verklagen")).contains(Reason.LEGAL);

        assertThat(HandoffIntent.of("Do you offer wholesale prices for retailers?"))
                .contains(Reason.BUSINESS);
        assertThat(HandoffIntent.of("Nous sommes un grossiste, pouvez-vous nous livrer ?"))
                .contains(Reason.BUSINESS);
    }

    @Test
    void leavesOrdinaryQuestionsToTheAgent() {
        for (String question : new String[] {
            "How long does shipping take?",
            "Can I return a jacket I bought on sale?",
            "Is my card charged when the order ships?",
            "How do I reset my password?",
            "Does the delivery agent ring the bell?",
            "¿Cuánto cuesta el envío a México?",
            "Quelle est la durée de la garantie ?",
            "Wie lange dauert der Versand nach Österreich?",
            "Posso trocar o tamanho de uma camisa?"
        }) {
            assertThat(HandoffIntent.of(question)).as(question).isEmpty();
        }
    }
}
