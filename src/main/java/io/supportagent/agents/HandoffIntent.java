package io.supportagent.agents;

import io.supportagent.knowledge.Language;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises messages that need a person, whatever the provider: that always hands off, without a model call. Each
 * reason is recorded on the conversation (its system note). Read in the shopper's own words and in their English
 * reading (see {@link Language#toEnglish}), so that the five languages share one set of English patterns, with a
 * few native phrasings that a word-by-word reading would lose.
 */
final class HandoffIntent {

    /** Why a conversation goes to people; {@code note} is what the team reads on the conversation. */
    enum Reason {
        PERSON("customer asked for a person"),
        LEGAL("legal threat"),
        ACCOUNT_SECURITY("account security: possible account takeover"),
        PAYMENT_DISPUTE("payment dispute or possible fraud"),
        COMPLAINT("complaint or frustration"),
        BUSINESS("bulk, business or job request"),
        OUT_OF_SCOPE("out of scope: no article answers it");

        final String note;

        Reason(String note) {
            this.note = note;
        }
    }

    private static final Pattern PERSON = Pattern.compile(
            "\\b(humans?|person|people|real people|representative|rep|agent|operator|staff|someone real|real one"
                    + "|customer service|customer support|support team|live chat|live agent|manager|supervisor"
                    + "|mensch|mitarbeiter|atendente|conseiller|asesor)\\b"
                    // "someone" alone is no person asked for ("can someone tell me…"); with a verb of talking it is
                    + "|\\b(talk|speak|chat) (to|with) (someone|somebody|anyone|a real)\\b"
                    + "|\\b(call|phone|ring) (someone|somebody|a person|your team)\\b|\\b(call me back|callback)\\b"
                    + "|\\bparler (a|avec) (quelqu'un|un humain|une personne|un conseiller|un responsable)"
                    + "|\\bhablar con (alguien|una persona|un humano|un asesor)"
                    + "|\\bfalar com (alguem|uma pessoa|um humano|um atendente)"
                    + "|\\bmit (jemandem|einem menschen|einer person|einem mitarbeiter) (sprechen|reden)");
    private static final Pattern ASKING = Pattern.compile(
            "\\b(talk|speak|chat|connect|transfer|contact|reach|want|need|get|give|call|put|let|escalate|please|can i"
                    + "|could i|is there|sprechen|hablar|parler|falar)\\b");
    private static final Pattern NOT_A_REQUEST = Pattern.compile(
            "\\b(delivery agent|shipping agent|customs agent|travel agent|agent of|people (say|said|who)|per person)\\b");

    private static final Pattern LEGAL = Pattern.compile(
            "\\b(report (you|this|it) to the police|call the police|polizei einschalten|anzeige erstatten"
                    + "|denunciarl[oe]s|denunciare|voy a denunciar|demandarl[oe]s|voy a demandar"
                    + "|porter plainte|poursuivre|avocat|abogado|anwalt|advogado|processar|procon|lawyer|lawyers|attorney|solicitor|sue|suing|lawsuit|legal action|legal steps|take (you|this|it) to"
                    + " court|court|small claims|consumer protection|ombudsman|trading standards|cease and desist"
                    + "|class action|better business bureau|bbb|report you to|legal department)\\b");

    private static final Pattern ACCOUNT_SECURITY = Pattern.compile(
            "\\b(hacked|hacker|compromised|account (was |has been |got )?(taken over|stolen|hijacked|breached)"
                    + "|someone (else )?(logged|got|broke|has logged|has got|accessed) (in|into)|suspicious (login|log in"
                    + "|sign in|activity|access)|unauthori[sz]ed (access|login|log in)|locked out of my account"
                    + "|(changed|reset) my (password|email) without|password (was |has been )?changed|phishing"
                    + "|login alert|unknown device|(accessed|used|logged into) by (someone|somebody)"
                    + "|(account|konto) (wurde )?(gehackt|gekapert)|(cuenta|conta|compte).{0,20}(hackead|invadid|pirat)\\w*)\\b");

    /**
     * Someone else acting on the shopper's account ("someone logged into my account", "jemand hat mein Passwort
     * geändert", "alguém mudou a minha senha"): a someone, a verb of access or change in the past, and the account,
     * its password, email or login named in the English reading. Asking how to change a password names no one.
     */
    private static final Pattern SOMEONE_ACTED = Pattern.compile(
            "\\b(someone|somebody|a stranger|alguien|alguem|quelqu'un|jemand)\\b.{0,40}\\b(changed|logged|accessed"
                    + "|used|entered|placed|reset|eingeloggt|angemeldet|geandert|geaendert|zugegriffen|benutzt|entró|cambió"
                    + "|usó|accedió|entrou|mudou|alterou|usou|acessou|connecté|changé|modifié|utilisé)(?!\\p{L})");

    private static final Pattern ACCOUNT_WORD = Pattern.compile("\\b(account|password|login|email)\\b");

    private static final Pattern PAYMENT_DISPUTE = Pattern.compile(
            "\\b(charged .{0,25}(twice|two times|double|2 times)|double[- ]charged|duplicate (charge|payment)"
                    + "|(paid|billed|debited) .{0,20}twice|charge\\b.{0,50}\\b(don't|do not|didn't|did not|can't|cannot)"
                    + " recogni[sz]e|unknown (charge|payment|transaction)|unauthori[sz]ed (charge|charges|transaction|payment|purchase)"
                    + "|(didn't|did not|never) (authori[sz]e|make|place) (this|that|the|these|any)"
                    + "|(don't|do not) recogni[sz]e (this|the|a|that) (charge|payment|transaction)"
                    + "|fraud|fraudulent|chargeback|dispute|disputing|stolen card|card (was |has been )?stolen"
                    + "|scam|scammed|overcharged|charged (me )?(the )?wrong (amount|price)|still (haven't|have not|not)"
                    + " (got|received|seen) (my|the) refund|refund (never|still hasn't|has not) (arrived|come|shown)"
                    + "|charged .{0,30}(never|didn't|did not) (receive|get|order)"
                    // charged for something the shopper had cancelled or sent back
                    + "|charged\\b.{0,50}\\b(i|we) (had |have )?(already )?(cancell?ed|returned|sent back)"
                    + "|(still|was|were|been|got) (being )?charged (after|although|even though|despite) (i |we )?(had )?"
                    + "(already )?(cancell?|return)\\w*"
                    + "|(someone|somebody) (else )?(used|is using|has used) my (credit |debit )?card"
                    + "|report (this|the|it|that) (charge |payment |transaction )?to my bank"
                    // native: charged too much, a purchase the shopper did not make
                    + "|cobraron de mas|cobrado de mas|cobrado a mais|cobraram a mais|zu viel (berechnet|abgebucht)"
                    + "|trop (facture|preleve|debite)|no hice (esta|esa|la) compra|nao fiz (esta|essa|a) compra"
                    + "|(jamais|pas) fait (cet|cette|ce) (achat|paiement|commande)"
                    + "|(zahlung|abbuchung|kauf|bestellung) (nicht|nie) (gemacht|getatigt|autorisiert))\\b");

    /** "I don't recognise" in the shopper's language; with a charge in the English reading, a dispute. */
    private static final Pattern NOT_RECOGNISED = Pattern.compile(
            "\\b(no (lo |la )?reconozco|ne (le |la )?reconnais pas|nicht (er)?kenne|nao (o |a )?reconheco)\\b");

    private static final Pattern CHARGE_WORD = Pattern.compile("\\b(charge|charged|payment|transaction|debit)\\b");

    private static final Pattern COMPLAINT = Pattern.compile(
            "\\b(complain|complaint|complaints|unacceptable|ridiculous|terrible|awful|horrible|worst|disgusting"
                    + "|outrageous|disgrace|shameful|furious|angry|livid|frustrated|frustrating|fed up|sick of"
                    + "|tired of|disappointed|disappointing|pathetic|useless|incompetent|never again|never buying"
                    + "|third time|fourth time|several times|nobody (answers|responds|replies|helps)|no one"
                    + " (answers|responds|replies|helps)|no (answer|response|reply) from|ignored|ignoring me|wtf|wth"
                    + "|bullshit|shit|damn|fuck|fucking|crap|bad service|poor service|lousy|this is a joke"
                    + "|waste of (time|money)|rip[- ]?off|(is|are|was|were) (a|an|such a|a complete|a total) (joke"
                    + "|nightmare|disaster|mess|shambles)|(waiting|waited) .{0,30}\\b(for|on) (a|an|any|your) (reply"
                    + "|response|answer|call ?back)|(never|nobody|no one) (got|gets|has got|came) back to me"
                    + "|(really|very|so|extremely|deeply|totally) (unhappy|dissatisfied|annoyed|upset)|(unhappy|dissatisfied"
                    + "|not happy|not satisfied) with (how|the way|your|the service|the support)|(upset|annoyed"
                    + "|irritated) (that|about|with you|with your)"
                    // native words a word-by-word reading may leave untranslated ("reclamo" is also a warranty claim)
                    + "|hart[oa]|enfadad[oa]|decepcionad[oa]|insatisfech[oa]|indignad[oa]|queja|quejarme"
                    + "|mecontente?|insatisfaite?|decue?|fachee?|enervee?|inadmissible|scandaleux|honteux"
                    + "|unzufrieden|enttauscht|enttaeuscht|verargert|veraergert|frechheit|unverschamt|unverschaemt"
                    + "|beschwerde|beschweren|insatisfeit[oa]|chatead[oa]|irritad[oa]|absurdo|reclamacao|pessimo"
                    + "|horrivel|vergonha|nadie (me )?(contesta|responde|ayuda)|personne ne (repond|m'aide)"
                    + "|niemand (antwortet|hilft|meldet sich)|ninguem (me )?(responde|resolve|ajuda))\\b");

    private static final Pattern BUSINESS =
            Pattern.compile("\\b(wholesale|wholesaler|bulk|b2b|reseller|resell|reselling|retailer|stockist|distributor"
                    + "|distribution|corporate (order|orders|gift|gifts|account|discount)|for (my|our) (company"
                    + "|business|team|office|employees|staff|shop|store|firm)|large order|big order|volume"
                    + " (order|discount|pricing)|\\d{2,} (units|pieces|pcs|items|jackets|shirts|pairs|boxes|of them)"
                    + "|partnership|partner with|collaborat\\w*|sponsor\\w*|influencer|affiliate|press|journalist"
                    + "|media (inquiry|enquiry)|job|jobs|career|careers|hiring|vacanc\\w*|apply for a (job|position)"
                    + "|internship|work (for|with|at) you|(become|becoming|be|am|are|as) (a |an |your )?(new )?supplier"
                    + "|sell (my|our) products|business account"
                    + "|for (companies|businesses)|cv|my resume"
                    + "|lebenslauf|curriculum|curriculo|reporter|magazine|newspaper|blogger|podcast|writing (a|an)"
                    + " (story|piece|article) (about|on)"
                    // native: applying for a job, selling wholesale
                    + "|postuler|candidature|offre d'emploi|un emploi|recrutez|bewerben|bewerbung|stellenangebot\\w*"
                    + "|candidatar|vaga de emprego|empleo|vacante|al por mayor|grossiste|vente en gros|prix de gros"
                    + "|grosshandl\\w*|atacado|atacadista)\\b");

    private static final Pattern CAPS_WORD = Pattern.compile("\\b[A-Z]{3,}\\b");

    private HandoffIntent() {}

    /** Why this message needs a person, if it does. */
    static Optional<Reason> of(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Language language = Language.detect(text);
        String own = text.toLowerCase(Locale.ROOT);
        String english =
                language == Language.EN ? own : language.toEnglish(text).toLowerCase(Locale.ROOT);
        String folded = fold(own);
        List<String> readings = language == Language.EN ? List.of(own, folded) : List.of(own, folded, english);
        if (any(readings, LEGAL)) {
            return Optional.of(Reason.LEGAL);
        }
        if (any(readings, ACCOUNT_SECURITY)
                || (any(readings, SOMEONE_ACTED)
                        && ACCOUNT_WORD.matcher(english + " " + folded).find())) {
            return Optional.of(Reason.ACCOUNT_SECURITY);
        }
        if (any(readings, PAYMENT_DISPUTE)
                || (NOT_RECOGNISED.matcher(folded).find()
                        && CHARGE_WORD.matcher(english).find())) {
            return Optional.of(Reason.PAYMENT_DISPUTE);
        }
        if (asksForPerson(readings, text)) {
            return Optional.of(Reason.PERSON);
        }
        if (any(readings, COMPLAINT) || shouting(text)) {
            return Optional.of(Reason.COMPLAINT);
        }
        if (any(readings, BUSINESS)) {
            return Optional.of(Reason.BUSINESS);
        }
        return Optional.empty();
    }

    static boolean asksForPerson(String text) {
        return of(text).filter(r -> r == Reason.PERSON).isPresent();
    }

    private static boolean asksForPerson(List<String> readings, String text) {
        for (String reading : readings) {
            if (PERSON.matcher(reading).find()
                    && !NOT_A_REQUEST.matcher(reading).find()) {
                if (ASKING.matcher(reading).find() || text.strip().split("\\s+").length <= 4) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Several words in capitals and exclamation marks: an angry shopper, whatever the words. */
    private static boolean shouting(String text) {
        long caps = CAPS_WORD.matcher(text).results().count();
        long words = text.strip().split("\\s+").length;
        return caps >= 3 && caps * 2 >= words && text.contains("!");
    }

    /** Lower case without accents, typographic apostrophes as plain ones ("alguém" → "alguem", "qu’il" → "qu'il"). */
    private static String fold(String lower) {
        String decomposed = Normalizer.normalize(lower.replace('’', '\''), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{Mn}+", "").replace("ß", "ss");
    }

    private static boolean any(List<String> readings, Pattern pattern) {
        for (String reading : readings) {
            if (pattern.matcher(reading).find()) {
                return true;
            }
        }
        return false;
    }
}
