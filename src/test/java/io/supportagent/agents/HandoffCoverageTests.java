package io.supportagent.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.agents.HandoffIntent.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each kind of message that needs a person, in each of the five languages, in sentences invented for this test (not
 * taken from any evaluation set), and ordinary questions that merely mention an account, a payment or a manager,
 * which stay with the agent. Any reason counts for a hand-off: the point is that a person gets it.
 */
class HandoffCoverageTests {

    private static final String[] NEEDS_A_PERSON = {
        // complaints and frustration
        "I'm really unhappy with how this was handled",
        "This is the worst shopping experience I've ever had",
        "I am so annoyed, the jacket came late again",
        "Estoy harta de esperar, nadie me contesta",
        "Estoy muy decepcionado con su servicio",
        "Quiero poner una queja formal",
        "Je suis très mécontent de votre service",
        "C'est inadmissible, personne ne répond",
        "Je veux déposer une réclamation",
        "Ich bin sehr unzufrieden mit Ihrem Service",
        "Ich möchte mich beschweren",
        "Das ist eine Frechheit, niemand antwortet mir",
        "Estou muito insatisfeito com o atendimento",
        "Quero fazer uma reclamação",
        "Isso é um absurdo, ninguém me responde",
        "Ich bin echt enttaeuscht von euch",
        "Estou chateada, ninguém resolve nada",
        "I'm upset that nobody has fixed this yet",
        // payment disputes, fraud
        "There's a charge on my statement I don't recognise",
        "You charged my card for the subscription I had already cancelled",
        "I was still charged even though I returned everything",
        "I want to open a dispute with my bank",
        "Someone used my credit card on your site",
        "Hay un cargo en mi tarjeta que no reconozco",
        "Voy a abrir una disputa con mi banco",
        "Me cobraron de más",
        "Il y a un débit que je ne reconnais pas sur mon compte",
        "On m'a débité deux fois",
        "Es gibt eine Abbuchung, die ich nicht kenne",
        "Mir wurde doppelt abgebucht",
        "Ich habe eine Rückbuchung bei meiner Bank veranlasst",
        "Fui cobrado duas vezes",
        "Tem uma cobrança no meu cartão que eu não reconheço",
        "Vou contestar a compra com o banco",
        "I didn't make this purchase, please look into it",
        "I'm going to report this charge to my bank",
        "Ich habe diese Zahlung nicht gemacht",
        "Je n'ai jamais fait cet achat",
        // account takeover, security
        "Someone logged into my account and changed my password",
        "I got an email that my password was changed but I didn't do it",
        "Somebody changed the email address on my account",
        "Alguien entró en mi cuenta y cambió la contraseña",
        "Me han hackeado la cuenta",
        "Quelqu'un s'est connecté à mon compte",
        "Mon compte a été piraté",
        "Jemand hat sich in mein Konto eingeloggt",
        "Mein Konto wurde gehackt",
        "Jemand hat mein Passwort geändert",
        "Minha conta foi invadida",
        "Alguém mudou a minha senha",
        "My account has been accessed by someone else",
        "Someone placed an order with my account",
        "Quelqu'un a changé mon mot de passe",
        // legal threats
        "I will be contacting my lawyer about this",
        "Voy a denunciarlos",
        "Hablaré con mi abogado",
        "Je vais porter plainte",
        "Mon avocat va vous contacter",
        "Ich schalte meinen Anwalt ein",
        "Vou processar vocês",
        "Vou falar com o meu advogado",
        "Ich werde Anzeige erstatten",
        "I'm going to report you to the police",
        // bulk, business, job, press
        "Can I buy 200 jackets for my employees?",
        "Do you have special prices for companies?",
        "Are you hiring at the moment?",
        "I'd like to send you my CV",
        "I'm a reporter writing a story about your brand",
        "¿Venden al por mayor?",
        "Quiero comprar 50 chaquetas para mi empresa",
        "¿Tienen ofertas de trabajo?",
        "Vendez-vous en gros ?",
        "Je souhaite postuler chez vous",
        "Je voudrais commander 100 pièces pour mon entreprise",
        "Verkaufen Sie auch an Großhändler?",
        "Ich möchte mich bei Ihnen bewerben",
        "Wir möchten 80 Jacken für unsere Firma bestellen",
        "Vocês vendem no atacado?",
        "Gostaria de me candidatar a uma vaga",
        "Quero comprar 100 camisetas para a minha empresa",
        // a person
        "Can I talk to a manager?",
        "I want a real human, not a bot",
        "Can I call someone about this?",
        "Quiero hablar con una persona",
        "Pásame con un humano",
        "Je voudrais parler à quelqu'un",
        "Passez-moi un responsable",
        "Ich möchte mit einem Mitarbeiter sprechen",
        "Kann ich bitte einen Menschen sprechen?",
        "Ich will mit einem Menschen reden",
        "Quero falar com um atendente",
        "Posso falar com um humano?",
        "Can I speak to someone please?",
        "I need to talk with somebody about this",
        "Ich moechte mit jemandem sprechen",
        "¿Puedo hablar con alguien?",
        "Queria falar com alguém",
    };

    private static final String[] STAYS_WITH_THE_AGENT = {
        "How do I create an account?",
        "Can I change the email address on my account?",
        "How do I change my password?",
        "I cancelled my order, when will I get my refund?",
        "If I return an item, is my card charged again for shipping?",
        "Do I need an account to place an order?",
        "What payment methods do you accept?",
        "When is my card charged?",
        "Can I pay with PayPal?",
        "Is my payment information stored securely?",
        "How do I delete my account and my data?",
        "Can I return an item bought with a gift card?",
        "Do you offer a student discount?",
        "Can I order more than one size?",
        "¿Cómo cambio mi contraseña?",
        "¿Qué métodos de pago aceptan?",
        "¿Puedo pagar en cuotas?",
        "Comment créer un compte ?",
        "Quels moyens de paiement acceptez-vous ?",
        "Wie ändere ich mein Passwort?",
        "Welche Zahlungsarten akzeptieren Sie?",
        "Wie kann ich mein Konto löschen?",
        "Como altero a minha senha?",
        "Quais formas de pagamento vocês aceitam?",
        "How long does a refund take to reach my bank?",
        "Wie lange dauert die Rückerstattung auf mein Konto?",
        "Can someone tell me how to change my password?",
        "Can someone help me log into my account?",
        "¿Alguien me puede ayudar con el cambio de contraseña?",
        "Quelqu'un peut m'aider à changer mon mot de passe ?",
        "My parcel was stolen, do I need a police report?",
        "I'm not happy with the fit, can I exchange it for a larger size?",
        "Can I apply two discount codes to one order?",
    };

    @Test
    void handsOffEachKindInTheFiveLanguages() {
        List<String> missed = new ArrayList<>();
        for (String message : NEEDS_A_PERSON) {
            if (HandoffIntent.of(message).isEmpty()) {
                missed.add(message);
            }
        }
        assertThat(missed).as("messages that needed a person").isEmpty();
    }

    @Test
    void leavesQuestionsThatMerelyMentionAnAccountOrAPayment() {
        List<String> handed = new ArrayList<>();
        for (String message : STAYS_WITH_THE_AGENT) {
            HandoffIntent.of(message).ifPresent(reason -> handed.add(message + " → " + reason));
        }
        assertThat(handed).as("ordinary questions handed off").isEmpty();
    }

    @Test
    void recordsTheReasonThatFits() {
        assertThat(HandoffIntent.of("Jemand hat sich in mein Konto eingeloggt")).contains(Reason.ACCOUNT_SECURITY);
        assertThat(HandoffIntent.of("Hay un cargo en mi tarjeta que no reconozco"))
                .contains(Reason.PAYMENT_DISPUTE);
        assertThat(HandoffIntent.of("Je vais porter plainte")).contains(Reason.LEGAL);
        assertThat(HandoffIntent.of("Ich möchte mich bei Ihnen bewerben")).contains(Reason.BUSINESS);
        assertThat(HandoffIntent.of("Estou muito insatisfeito com o atendimento"))
                .contains(Reason.COMPLAINT);
    }
}
