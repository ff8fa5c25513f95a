package io.supportagent.agents;

import io.supportagent.knowledge.Language;
import java.util.Locale;

/**
 * What the offline agent says, in the shopper's language. Quotes of the store's articles stay in the articles'
 * language; the words around them say, in the shopper's, that they are the store's article.
 */
record Replies(
        Language language,
        String greeting,
        String greetingWithOrders,
        String welcome,
        String quote,
        String quoteAlso,
        String askEmail,
        String askOrder,
        String noOrder,
        String orderIs,
        String items,
        String track,
        String noMatch,
        String noMatchKept,
        String toPerson,
        String toPersonBecause,
        String refuse) {

    static final Replies EN = new Replies(
            Language.EN,
            "Hello! Ask me about shipping, returns, sizing or payment.",
            "Hello! Ask me about shipping, returns, sizing or payment, or about an order (with its number and your"
                    + " email address).",
            "You're welcome! Anything else I can help with?",
            "From our article \"%s\": %s",
            " And from our article \"%s\": %s",
            "I can look up order %s. Which email address did you use for it?",
            "I can help with your order. Please tell me the order number and the email address you used.",
            "I couldn't find an order %s for that email address. Please check the order number and use the email"
                    + " address you ordered with.",
            "Order %s is %s.",
            " Items: %s.",
            " Track it here: %s",
            "I'm not sure about that one, so I've passed your question to a person on our team. They'll reply here as"
                    + " soon as they can.",
            "I'm sorry, I don't have an answer to that one.",
            "Of course. I've asked a person from our team to take over; they'll reply in this chat.",
            "I'm sorry about this. I've passed your message to a person on our team, who will reply in this chat.",
            "I can only help with questions about this store's orders, shipping, returns and products.");

    static final Replies ES = new Replies(
            Language.ES,
            "¡Hola! Pregúntame sobre envíos, devoluciones, tallas o pagos.",
            "¡Hola! Pregúntame sobre envíos, devoluciones, tallas o pagos, o sobre un pedido (con su número y tu"
                    + " correo electrónico).",
            "¡De nada! ¿Puedo ayudarte en algo más?",
            "Según el artículo de nuestra tienda \"%s\" (en inglés): %s",
            " Y según nuestro artículo \"%s\": %s",
            "Puedo consultar el pedido %s. ¿Con qué correo electrónico lo hiciste?",
            "Puedo ayudarte con tu pedido. Indícame el número de pedido y el correo electrónico que usaste.",
            "No encontré ningún pedido %s con ese correo electrónico. Revisa el número de pedido y usa el correo con"
                    + " el que compraste.",
            "El pedido %s está: %s.",
            " Artículos: %s.",
            " Puedes seguirlo aquí: %s",
            "No estoy seguro de la respuesta, así que he pasado tu pregunta a una persona de nuestro equipo. Te"
                    + " responderá aquí lo antes posible.",
            "Lo siento, no tengo respuesta para eso.",
            "Por supuesto. He pedido a una persona de nuestro equipo que continúe; te responderá en este chat.",
            "Lamento lo ocurrido. He pasado tu mensaje a una persona de nuestro equipo, que te responderá en este"
                    + " chat.",
            "Solo puedo ayudarte con preguntas sobre los pedidos, envíos, devoluciones y productos de esta tienda.");

    static final Replies FR = new Replies(
            Language.FR,
            "Bonjour ! Posez-moi vos questions sur la livraison, les retours, les tailles ou le paiement.",
            "Bonjour ! Posez-moi vos questions sur la livraison, les retours, les tailles ou le paiement, ou sur une"
                    + " commande (avec son numéro et votre adresse e-mail).",
            "Avec plaisir ! Puis-je vous aider pour autre chose ?",
            "D'après l'article de notre boutique « %s » (en anglais) : %s",
            " Et d'après notre article « %s » : %s",
            "Je peux consulter la commande %s. Quelle adresse e-mail avez-vous utilisée ?",
            "Je peux vous aider pour votre commande. Indiquez-moi le numéro de commande et l'adresse e-mail utilisée.",
            "Je n'ai trouvé aucune commande %s pour cette adresse e-mail. Vérifiez le numéro de commande et utilisez"
                    + " l'adresse e-mail de votre achat.",
            "La commande %s est : %s.",
            " Articles : %s.",
            " Suivez-la ici : %s",
            "Je ne suis pas sûr de la réponse, j'ai donc transmis votre question à une personne de notre équipe. Elle"
                    + " vous répondra ici dès que possible.",
            "Désolé, je n'ai pas de réponse à cette question.",
            "Bien sûr. J'ai demandé à une personne de notre équipe de prendre le relais ; elle vous répondra dans ce"
                    + " chat.",
            "Je suis désolé. J'ai transmis votre message à une personne de notre équipe, qui vous répondra dans ce"
                    + " chat.",
            "Je ne peux répondre qu'aux questions sur les commandes, la livraison, les retours et les produits de"
                    + " cette boutique.");

    static final Replies DE = new Replies(
            Language.DE,
            "Hallo! Fragen Sie mich zu Versand, Rückgabe, Größen oder Zahlung.",
            "Hallo! Fragen Sie mich zu Versand, Rückgabe, Größen oder Zahlung, oder zu einer Bestellung (mit"
                    + " Bestellnummer und Ihrer E-Mail-Adresse).",
            "Gern geschehen! Kann ich sonst noch helfen?",
            "Laut dem Artikel unseres Shops „%s“ (auf Englisch): %s",
            " Und laut unserem Artikel „%s“: %s",
            "Ich kann die Bestellung %s nachsehen. Mit welcher E-Mail-Adresse haben Sie bestellt?",
            "Ich helfe gern bei Ihrer Bestellung. Bitte nennen Sie mir die Bestellnummer und die E-Mail-Adresse, mit"
                    + " der Sie bestellt haben.",
            "Ich habe keine Bestellung %s zu dieser E-Mail-Adresse gefunden. Bitte prüfen Sie die Bestellnummer und"
                    + " nutzen Sie die E-Mail-Adresse Ihrer Bestellung.",
            "Status der Bestellung %s: %s.",
            " Artikel: %s.",
            " Sendungsverfolgung: %s",
            "Da bin ich mir nicht sicher, deshalb habe ich Ihre Frage an eine Person aus unserem Team weitergegeben."
                    + " Sie antwortet Ihnen hier so bald wie möglich.",
            "Leider habe ich darauf keine Antwort.",
            "Gern. Ich habe eine Person aus unserem Team gebeten, zu übernehmen; sie antwortet Ihnen in diesem Chat.",
            "Das tut mir leid. Ich habe Ihre Nachricht an eine Person aus unserem Team weitergegeben, die Ihnen in"
                    + " diesem Chat antwortet.",
            "Ich kann nur Fragen zu Bestellungen, Versand, Rückgaben und Produkten dieses Shops beantworten.");

    static final Replies PT = new Replies(
            Language.PT,
            "Olá! Pergunte-me sobre envios, devoluções, tamanhos ou pagamentos.",
            "Olá! Pergunte-me sobre envios, devoluções, tamanhos ou pagamentos, ou sobre um pedido (com o número e o"
                    + " seu e-mail).",
            "De nada! Posso ajudar em mais alguma coisa?",
            "Segundo o artigo da nossa loja \"%s\" (em inglês): %s",
            " E segundo o nosso artigo \"%s\": %s",
            "Posso consultar o pedido %s. Qual e-mail você usou na compra?",
            "Posso ajudar com o seu pedido. Informe o número do pedido e o e-mail que você usou.",
            "Não encontrei nenhum pedido %s com esse e-mail. Verifique o número do pedido e use o e-mail da compra.",
            "O pedido %s está: %s.",
            " Itens: %s.",
            " Acompanhe aqui: %s",
            "Não tenho certeza da resposta, por isso passei a sua pergunta para uma pessoa da nossa equipe. Ela vai"
                    + " responder aqui assim que possível.",
            "Desculpe, não tenho resposta para isso.",
            "Claro. Pedi a uma pessoa da nossa equipe que assuma; ela vai responder neste chat.",
            "Sinto muito. Passei a sua mensagem para uma pessoa da nossa equipe, que vai responder neste chat.",
            "Só posso ajudar com perguntas sobre pedidos, envios, devoluções e produtos desta loja.");

    static Replies of(Language language) {
        return switch (language) {
            case ES -> ES;
            case FR -> FR;
            case DE -> DE;
            case PT -> PT;
            default -> EN;
        };
    }

    /** An order status as the shopper's language says it, when it is one of the usual ones. */
    String status(String status) {
        String s = status.strip().toLowerCase(Locale.ROOT);
        if (language == Language.EN) {
            return status;
        }
        String[] known = {"processing", "shipped", "delivered", "cancelled", "canceled", "pending", "returned"};
        String[][] words = {
            {"en preparación", "enviado", "entregado", "cancelado", "cancelado", "pendiente", "devuelto"},
            {"en préparation", "expédiée", "livrée", "annulée", "annulée", "en attente", "retournée"},
            {"in Bearbeitung", "versandt", "zugestellt", "storniert", "storniert", "ausstehend", "zurückgesendet"},
            {"em preparação", "enviado", "entregue", "cancelado", "cancelado", "pendente", "devolvido"}
        };
        int row = switch (language) {
            case ES -> 0;
            case FR -> 1;
            case DE -> 2;
            default -> 3;
        };
        for (int i = 0; i < known.length; i++) {
            if (known[i].equals(s)) {
                return words[row][i] + " (" + status + ")";
            }
        }
        return status;
    }
}
