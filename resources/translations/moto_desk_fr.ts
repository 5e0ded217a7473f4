<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About moto-desk</source>
        <translation>À propos de moto-desk</translation>
    </message>
    <message>
        <source>moto-desk {version}</source>
        <translation>moto-desk {version}</translation>
    </message>
    <message>
        <source>Saves a customer&apos;s card by phone or mail (MOTO) on a Stripe Terminal reader and charges it later.</source>
        <translation>Enregistre la carte d’un client par téléphone ou par courrier (MOTO) sur un lecteur Stripe Terminal, puis la débite plus tard.</translation>
    </message>
    <message>
        <source>moto-desk</source>
        <translation>moto-desk</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Qt (PySide6)</source>
        <translation>Qt (PySide6)</translation>
    </message>
    <message>
        <source>Stripe SDK</source>
        <translation>SDK Stripe</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Dossier des données</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Journaux</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>Fichier des réglages</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>A supervisor&apos;s approval</source>
        <translation>Approbation d’un superviseur</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Superviseur</translation>
    </message>
    <message>
        <source>Supervisor&apos;s PIN</source>
        <translation>Code PIN du superviseur</translation>
    </message>
    <message>
        <source>&amp;Supervisor</source>
        <translation>&amp;Superviseur</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>Code &amp;PIN</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
</context>
<context>
    <name>CardHealthDialog</name>
    <message>
        <source>Card health — saved cards that need attention</source>
        <translation>État des cartes — cartes enregistrées à surveiller</translation>
    </message>
    <message>
        <source>Saved cards that need attention</source>
        <translation>Cartes enregistrées à surveiller</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Vérifier de nouveau</translation>
    </message>
    <message>
        <source>List the saved cards of every customer again (F5)</source>
        <translation>Relire les cartes enregistrées de tous les clients (F5)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Checking the saved cards of every customer this desk knows…</source>
        <translation>Vérification des cartes enregistrées de tous les clients connus de ce poste…</translation>
    </message>
    <message>
        <source>All saved cards are in order: none expired, none expiring within {days} days, none saved on several customers.</source>
        <translation>Toutes les cartes enregistrées sont en ordre&#xa0;: aucune n’est expirée, aucune n’expire dans les {days} jours, aucune n’est enregistrée pour plusieurs clients.</translation>
    </message>
    <message>
        <source>Expired: {expired} · Expiring within {days} days: {expiring} · Saved on several customers: {shared}</source>
        <translation>Expirées&#xa0;: {expired} · Expirent dans les {days} jours&#xa0;: {expiring} · Enregistrées pour plusieurs clients&#xa0;: {shared}</translation>
    </message>
    <message>
        <source>Could not check the saved cards: {reason}</source>
        <translation>Impossible de vérifier les cartes enregistrées&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>CardHealthModel</name>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>À faire</translation>
    </message>
    <message>
        <source>{customer} ({id}): {card} — {problem}. {advice}</source>
        <translation>{customer} ({id})&#xa0;: {card} — {problem}. {advice}</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Expires soon</source>
        <translation>Expire bientôt</translation>
    </message>
    <message>
        <source>Shared card</source>
        <translation>Carte partagée</translation>
    </message>
    <message>
        <source>Cannot be charged: ask the customer for a new card</source>
        <translation>Ne peut plus être débitée&#xa0;: demandez une nouvelle carte au client</translation>
    </message>
    <message>
        <source>Works until {date}: ask the customer for the new expiry date</source>
        <translation>Valable jusqu’au {date}&#xa0;: demandez au client la nouvelle date d’expiration</translation>
    </message>
    <message>
        <source>Same card as {others}: check it is not a duplicate customer</source>
        <translation>Même carte que {others}&#xa0;: vérifiez qu’il ne s’agit pas d’un client en double</translation>
    </message>
</context>
<context>
    <name>ChargeDialog</name>
    <message>
        <source>Charge saved card</source>
        <translation>Débiter une carte enregistrée</translation>
    </message>
    <message>
        <source>Review the charge…</source>
        <translation>Vérifier le paiement…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Please check before charging</source>
        <translation>Vérifiez avant de débiter</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>&amp;Receipt…</source>
        <translation>&amp;Reçu…</translation>
    </message>
    <message>
        <source>Print or save the receipt of this payment: it opens in the History (Alt+R)</source>
        <translation>Imprimer ou enregistrer le reçu de ce paiement&#xa0;: il s’ouvre dans l’historique (Alt+R)</translation>
    </message>
    <message>
        <source>Change the charge</source>
        <translation>Modifier le paiement</translation>
    </message>
    <message>
        <source>Amount: {amount}</source>
        <translation>Montant&#xa0;: {amount}</translation>
    </message>
    <message>
        <source>Card: {card} (expires {expiry})</source>
        <translation>Carte&#xa0;: {card} (expire fin {expiry})</translation>
    </message>
    <message>
        <source>Customer: {customer}</source>
        <translation>Client&#xa0;: {customer}</translation>
    </message>
    <message>
        <source>Receipt sent to: {email}</source>
        <translation>Reçu envoyé à&#xa0;: {email}</translation>
    </message>
    <message>
        <source>Consent on record: given {channel} on {date}, recorded by {clerk} at {desk} (terms version {version}).</source>
        <translation>Consentement enregistré&#xa0;: donné {channel} le {date}, consigné par {clerk} au poste {desk} (conditions version {version}).</translation>
    </message>
    <message>
        <source>Description: {text}</source>
        <translation>Description&#xa0;: {text}</translation>
    </message>
    <message>
        <source>Charge {amount} again</source>
        <translation>Débiter de nouveau {amount}</translation>
    </message>
    <message>
        <source>Charge {amount}</source>
        <translation>Débiter {amount}</translation>
    </message>
    <message>
        <source>Looking up the consent on record…</source>
        <translation>Recherche du consentement enregistré…</translation>
    </message>
    <message>
        <source>No consent for this card is recorded at this desk. Charge it only if the customer agreed to keep it on file (for example at another desk).</source>
        <translation>Aucun consentement n’est enregistré pour cette carte à ce poste. Ne la débitez que si le client a accepté qu’elle soit conservée (par exemple à un autre poste).</translation>
    </message>
    <message>
        <source>by phone</source>
        <translation>par téléphone</translation>
    </message>
    <message>
        <source>by mail</source>
        <translation>par courrier</translation>
    </message>
    <message>
        <source>The consent on record could not be read: {reason}</source>
        <translation>Le consentement enregistré n’a pas pu être lu&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Charging {amount}… Please wait; do not close moto-desk.</source>
        <translation>Débit de {amount} en cours… Patientez&#xa0;; ne fermez pas moto-desk.</translation>
    </message>
    <message>
        <source>✓ Charged {amount}</source>
        <translation>✓ {amount} débités</translation>
    </message>
    <message>
        <source>{card} was charged. Payment reference: {reference}</source>
        <translation>La carte {card} a été débitée. Référence du paiement&#xa0;: {reference}</translation>
    </message>
    <message>
        <source>Stripe will email a receipt to {email}.</source>
        <translation>Stripe enverra un reçu par e-mail à {email}.</translation>
    </message>
    <message>
        <source>In live mode Stripe would email a receipt to {email}; test and demo payments send no email.</source>
        <translation>En mode réel, Stripe enverrait un reçu par e-mail à {email}&#xa0;; les paiements de test et de démo n’envoient aucun e-mail.</translation>
    </message>
    <message>
        <source>Do not charge again. Press Check again to ask Stripe now (moto-desk also checks at every start).</source>
        <translation>Ne débitez pas de nouveau. Appuyez sur Vérifier de nouveau pour interroger Stripe maintenant (moto-desk vérifie aussi à chaque démarrage).</translation>
    </message>
    <message>
        <source>Stripe confirms that the payment went through.</source>
        <translation>Stripe confirme que le paiement a abouti.</translation>
    </message>
    <message>
        <source>Stripe confirms that nothing was charged.</source>
        <translation>Stripe confirme que rien n’a été débité.</translation>
    </message>
    <message>
        <source>✗ Not charged</source>
        <translation>✗ Non débité</translation>
    </message>
</context>
<context>
    <name>ChargeForm</name>
    <message>
        <source>Card to charge</source>
        <extracomment>Offered in the currency list; the desk&apos;s default currency is added if missing.</extracomment>
        <translation>Carte à débiter</translation>
    </message>
    <message>
        <source>(expired)</source>
        <translation>(expirée)</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>for example 12.50</source>
        <translation>par exemple 12,50</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>What the payment is for (optional)</source>
        <translation>Objet du paiement (facultatif)</translation>
    </message>
    <message>
        <source>Receipt email</source>
        <translation>E-mail pour le reçu</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nom@exemple.com</translation>
    </message>
    <message>
        <source>Stripe sends a receipt to this address (optional)</source>
        <translation>Stripe envoie un reçu à cette adresse (facultatif)</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>&amp;Card</source>
        <translation>&amp;Carte</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>&amp;Montant</translation>
    </message>
    <message>
        <source>C&amp;urrency</source>
        <translation>&amp;Devise</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>D&amp;escription</translation>
    </message>
    <message>
        <source>&amp;Receipt email</source>
        <translation>E-mail pour le &amp;reçu</translation>
    </message>
    <message>
        <source>Choose a card.</source>
        <translation>Choisissez une carte.</translation>
    </message>
    <message>
        <source>This card has expired. Choose another card, or save a new one.</source>
        <translation>Cette carte a expiré. Choisissez-en une autre, ou enregistrez-en une nouvelle.</translation>
    </message>
    <message>
        <source>The email address does not look right (for example: name@example.com).</source>
        <translation>L’adresse e-mail ne semble pas correcte (par exemple&#xa0;: nom@exemple.com).</translation>
    </message>
    <message>
        <source>for example {amount}</source>
        <translation>par exemple {amount}</translation>
    </message>
    <message>
        <source>Will charge {amount}</source>
        <translation>Montant débité&#xa0;: {amount}</translation>
    </message>
</context>
<context>
    <name>ClerkLock</name>
    <message>
        <source>Lock / switch clerk</source>
        <translation>Verrouiller / changer d’employé</translation>
    </message>
    <message>
        <source>Practise sign-in and approvals</source>
        <translation>S’entraîner à la connexion et aux approbations</translation>
    </message>
    <message>
        <source>Signed-in clerk</source>
        <translation>Employé connecté</translation>
    </message>
    <message>
        <source>Switch clerk</source>
        <translation>Changer d’employé</translation>
    </message>
    <message>
        <source>Lock the desk and let another clerk sign in (Ctrl+L)</source>
        <translation>Verrouiller le poste pour qu’un autre employé se connecte (Ctrl+L)</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role})</source>
        <translation>Connecté&#xa0;: {name} ({role})</translation>
    </message>
    <message>
        <source>clerk</source>
        <translation>employé</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>superviseur</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>propriétaire</translation>
    </message>
</context>
<context>
    <name>ConsentEvidenceDialog</name>
    <message>
        <source>Consent evidence — {customer}</source>
        <translation>Preuves de consentement — {customer}</translation>
    </message>
    <message>
        <source>Consent evidence of the customer</source>
        <translation>Preuves de consentement du client</translation>
    </message>
    <message>
        <source>Remove card (consent withdrawn)…</source>
        <translation>Supprimer une carte (consentement retiré)…</translation>
    </message>
    <message>
        <source>Remove a card because consent was withdrawn</source>
        <translation>Supprimer une carte après le retrait du consentement</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Exporter en PDF…</translation>
    </message>
    <message>
        <source>Save this evidence as a PDF document</source>
        <translation>Enregistrer ces preuves dans un document PDF</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Save this evidence as a CSV file (one row per consent)</source>
        <translation>Enregistrer ces preuves dans un fichier CSV (une ligne par consentement)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Withdraw consent and remove a card</source>
        <translation>Retrait du consentement et suppression d’une carte</translation>
    </message>
    <message>
        <source>Card to remove</source>
        <translation>Carte à supprimer</translation>
    </message>
    <message>
        <source>{card} (expires {expiry})</source>
        <translation>{card} (expire fin {expiry})</translation>
    </message>
    <message>
        <source>Why the customer withdrew consent</source>
        <translation>Pourquoi le client a retiré son consentement</translation>
    </message>
    <message>
        <source>For example: asked by phone to stop keeping the card</source>
        <translation>Par exemple&#xa0;: a demandé par téléphone que la carte ne soit plus conservée</translation>
    </message>
    <message>
        <source>Describe the reason in words; never type card details.</source>
        <translation>Décrivez le motif en quelques mots&#xa0;; ne saisissez jamais de coordonnées de carte.</translation>
    </message>
    <message>
        <source>Remove card…</source>
        <translation>Supprimer la carte…</translation>
    </message>
    <message>
        <source>Remove the card and record the withdrawal</source>
        <translation>Supprimer la carte et consigner le retrait</translation>
    </message>
    <message>
        <source>The card is detached in Stripe and can never be charged again. The withdrawal is added to the consent ledger with your name and the reason.</source>
        <translation>La carte est détachée dans Stripe et ne pourra plus jamais être débitée. Le retrait est ajouté au registre des consentements avec votre nom et le motif.</translation>
    </message>
    <message>
        <source>&amp;Card</source>
        <translation>&amp;Carte</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motif</translation>
    </message>
    <message>
        <source>Reading the consent ledger…</source>
        <translation>Lecture du registre des consentements…</translation>
    </message>
    <message>
        <source>✓ The consent ledger verified: all {count} records are intact.</source>
        <translation>✓ Registre des consentements vérifié&#xa0;: les {count} enregistrements sont intacts.</translation>
    </message>
    <message>
        <source>✗ The consent ledger did NOT verify: the records may have been changed. The problems are listed below.</source>
        <translation>✗ La vérification du registre des consentements a ÉCHOUÉ&#xa0;: des enregistrements ont peut-être été modifiés. Les problèmes sont listés ci-dessous.</translation>
    </message>
    <message>
        <source>Could not read the consent ledger: {reason}</source>
        <translation>Impossible de lire le registre des consentements&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Export consent evidence as PDF</source>
        <translation>Exporter les preuves de consentement en PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export consent evidence as CSV</source>
        <translation>Exporter les preuves de consentement en CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saved to “{path}”.</source>
        <translation>Enregistré dans «&#xa0;{path}&#xa0;».</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’export</translation>
    </message>
    <message>
        <source>moto-desk could not write “{path}”. Check that the folder exists, that you may write to it, and that the disk is not full.</source>
        <translation>moto-desk n’a pas pu écrire «&#xa0;{path}&#xa0;». Vérifiez que le dossier existe, que vous pouvez y écrire et que le disque n’est pas plein.</translation>
    </message>
    <message>
        <source>This customer has no saved card to remove</source>
        <translation>Ce client n’a aucune carte enregistrée à supprimer</translation>
    </message>
    <message>
        <source>Remove a saved card because the customer withdrew consent</source>
        <translation>Supprimer une carte enregistrée parce que le client a retiré son consentement</translation>
    </message>
    <message>
        <source>Remove the card?</source>
        <translation>Supprimer la carte&#xa0;?</translation>
    </message>
    <message>
        <source>Remove {card} from {customer}?

The card is detached in Stripe: it can never be charged again, and the customer would have to give it again to save it. The withdrawal of consent is recorded with your reason:
“{reason}”</source>
        <translation>Supprimer {card} de {customer}&#xa0;?

La carte est détachée dans Stripe&#xa0;: elle ne pourra plus jamais être débitée, et le client devra la redonner pour qu’elle soit de nouveau enregistrée. Le retrait du consentement est consigné avec votre motif&#xa0;:
«&#xa0;{reason}&#xa0;»</translation>
    </message>
    <message>
        <source>Remove card</source>
        <translation>Supprimer la carte</translation>
    </message>
    <message>
        <source>Keep card</source>
        <translation>Garder la carte</translation>
    </message>
    <message>
        <source>The card was not removed: {reason}</source>
        <translation>La carte n’a pas été supprimée&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>2 · Consent</source>
        <translation>2 · Consentement</translation>
    </message>
    <message>
        <source>Consent terms to read to the customer</source>
        <translation>Conditions à lire au client</translation>
    </message>
    <message>
        <source>How the customer gave consent</source>
        <translation>Comment le client a donné son accord</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>Par téléphone</translation>
    </message>
    <message>
        <source>By mail</source>
        <translation>Par courrier</translation>
    </message>
    <message>
        <source>Where the saved card may be shown again</source>
        <translation>Où la carte enregistrée peut être proposée de nouveau</translation>
    </message>
    <message>
        <source>Limited — only where the customer agreed to saving it</source>
        <translation>Limité — seulement là où le client a accepté son enregistrement</translation>
    </message>
    <message>
        <source>Always — in any of our checkouts</source>
        <translation>Toujours — dans tous nos parcours de paiement</translation>
    </message>
    <message>
        <source>Stripe&apos;s allow_redisplay: whether the card may be offered to the customer again.</source>
        <translation>allow_redisplay de Stripe&#xa0;: la carte peut-elle être proposée de nouveau au client&#xa0;?</translation>
    </message>
    <message>
        <source>I read the terms aloud and the customer agreed</source>
        <translation>J’ai lu les conditions à voix haute et le client a accepté</translation>
    </message>
    <message>
        <source>The customer agreed to the terms</source>
        <translation>Le client a accepté les conditions</translation>
    </message>
    <message>
        <source>Tick only after the customer said yes.</source>
        <translation>Cochez seulement après le «&#xa0;oui&#xa0;» du client.</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Accord donné</translation>
    </message>
    <message>
        <source>Show the card again</source>
        <translation>Proposer la carte</translation>
    </message>
    <message>
        <source>Read these terms aloud to the customer (version {version}):</source>
        <translation>Lisez ces conditions à voix haute au client (version {version})&#xa0;:</translation>
    </message>
</context>
<context>
    <name>CustomerModel</name>
    <message>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>1 · Customer</source>
        <extracomment>Type-ahead waits this long after the last key before asking (local index + Stripe).</extracomment>
        <translation>1 · Client</translation>
    </message>
    <message>
        <source>Name, email or phone</source>
        <translation>Nom, e-mail ou téléphone</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Rechercher un client</translation>
    </message>
    <message>
        <source>Search by name, email or phone (F2)</source>
        <translation>Rechercher par nom, e-mail ou téléphone (F2)</translation>
    </message>
    <message>
        <source>Customers found</source>
        <translation>Clients trouvés</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>Nouveau client…</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Create a customer (Ctrl+N)</source>
        <translation>Créer un client (Ctrl+N)</translation>
    </message>
    <message>
        <source>Type a name, an email or a phone number.</source>
        <translation>Tapez un nom, un e-mail ou un numéro de téléphone.</translation>
    </message>
    <message>
        <source>Connecting… the search will run when moto-desk is ready.</source>
        <translation>Connexion… la recherche sera lancée dès que moto-desk sera prêt.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <source>No customer found. Create one with New customer (Ctrl+N).</source>
        <translation>Aucun client trouvé. Créez-en un avec Nouveau client (Ctrl+N).</translation>
    </message>
    <message>
        <source>The search did not work: {reason}</source>
        <translation>La recherche n’a pas abouti&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>DeskConnection</name>
    <message>
        <source>Live mode</source>
        <translation>Mode réel</translation>
    </message>
    <message>
        <source>This desk is set up with a LIVE Stripe key ({key}). Real cards will be saved and real money charged.

Use live mode for this session?</source>
        <translation>Ce poste utilise une clé Stripe RÉELLE ({key}). De vraies cartes seront enregistrées et de l’argent réel sera débité.

Utiliser le mode réel pour cette session&#xa0;?</translation>
    </message>
    <message>
        <source>Use live mode</source>
        <translation>Utiliser le mode réel</translation>
    </message>
    <message>
        <source>Start in demo mode</source>
        <translation>Démarrer en mode démo</translation>
    </message>
</context>
<context>
    <name>ErrorRouter</name>
    <message>
        <source>moto-desk</source>
        <translation>moto-desk</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Un problème est survenu</translation>
    </message>
    <message>
        <source>Something went wrong inside moto-desk. What you typed is kept.

Please tell your administrator (the details are in moto-desk&apos;s log), and check the payment history before trying a payment again.</source>
        <translation>Un problème est survenu dans moto-desk. Ce que vous avez saisi est conservé.

Prévenez votre administrateur (les détails sont dans le journal de moto-desk) et vérifiez l’historique des paiements avant de retenter un paiement.</translation>
    </message>
</context>
<context>
    <name>EvidenceDocument</name>
    <message>
        <source>✓ Consent ledger verified on {time}: all {count} records are intact and in order.</source>
        <extracomment>A table row of the document: label, value, and whether the value is an identifier (shown in a fixed-width font so a hash can be compared character by character).</extracomment>
        <translation>✓ Registre des consentements vérifié le {time}&#xa0;: les {count} enregistrements sont intacts et dans l’ordre.</translation>
    </message>
    <message>
        <source>✗ The consent ledger did NOT verify on {time}. The records below may have been changed: keep this document and tell your administrator. The check found:</source>
        <translation>✗ La vérification du registre des consentements a ÉCHOUÉ le {time}. Les enregistrements ci-dessous ont peut-être été modifiés&#xa0;: conservez ce document et prévenez votre administrateur. La vérification a trouvé&#xa0;:</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>Par téléphone</translation>
    </message>
    <message>
        <source>By mail</source>
        <translation>Par courrier</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Non consigné</translation>
    </message>
    <message>
        <source>Always — in any of the shop&apos;s checkouts</source>
        <translation>Toujours — dans tous les parcours de paiement de la boutique</translation>
    </message>
    <message>
        <source>Limited — only where the customer agreed to saving it</source>
        <translation>Limité — seulement là où le client a accepté son enregistrement</translation>
    </message>
    <message>
        <source>English</source>
        <translation>anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>français</translation>
    </message>
    <message>
        <source>The text below is the text shown: rebuilt from version {version} with the shop name “{shop}”, its SHA-256 equals the recorded one.</source>
        <translation>Le texte ci-dessous est celui qui a été présenté&#xa0;: reconstitué à partir de la version {version} avec le nom de boutique «&#xa0;{shop}&#xa0;», son SHA-256 est égal à celui consigné.</translation>
    </message>
    <message>
        <source>this installation does not have version {version} in this language.</source>
        <translation>cette installation ne contient pas la version {version} dans cette langue.</translation>
    </message>
    <message>
        <source>no shop name known to this desk gives this hash (was the shop renamed?).</source>
        <translation>aucun nom de boutique connu de ce poste ne donne cette empreinte (la boutique a-t-elle changé de nom&#xa0;?).</translation>
    </message>
    <message>
        <source>Text not reconstructable, hash {hash}: {why}</source>
        <translation>Texte impossible à reconstituer, empreinte {hash}&#xa0;: {why}</translation>
    </message>
    <message>
        <source>{time} by {clerk} at desk {desk}</source>
        <translation>{time} par {clerk} au poste {desk}</translation>
    </message>
    <message>
        <source>Consent evidence</source>
        <translation>Preuves de consentement</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Boutique</translation>
    </message>
    <message>
        <source>(no shop name set)</source>
        <translation>(aucun nom de boutique défini)</translation>
    </message>
    <message>
        <source>Produced</source>
        <translation>Établi</translation>
    </message>
    <message>
        <source>Last ledger hash</source>
        <translation>Dernière empreinte du registre</translation>
    </message>
    <message>
        <source>The ledger holds no consent for this customer.</source>
        <translation>Le registre ne contient aucun consentement pour ce client.</translation>
    </message>
    <message>
        <source>Ledger record {seq} ({kind}, {time}) refers to a consent the ledger does not hold.</source>
        <translation>L’enregistrement {seq} du registre ({kind}, {time}) renvoie à un consentement que le registre ne contient pas.</translation>
    </message>
    <message>
        <source>The consent ledger is append-only and hash-chained: each record&apos;s hash covers the record before it. The record numbers and hashes above let anyone check this document against an export of the ledger.</source>
        <translation>Le registre des consentements n’accepte que des ajouts et ses enregistrements sont chaînés&#xa0;: l’empreinte de chacun couvre celui qui le précède. Les numéros d’enregistrement et les empreintes ci-dessus permettent à chacun de comparer ce document à un export du registre.</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>retiré</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>en vigueur</translation>
    </message>
    <message>
        <source>Consent {number} of {total} — {time} ({status})</source>
        <translation>Consentement {number} sur {total} — {time} ({status})</translation>
    </message>
    <message>
        <source>{clerk} at desk {desk}</source>
        <translation>{clerk} au poste {desk}</translation>
    </message>
    <message>
        <source>version {version}, {language}</source>
        <translation>version {version}, {language}</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Donné</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>Recueilli par</translation>
    </message>
    <message>
        <source>Card shown again</source>
        <translation>Carte proposée de nouveau</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>Terms SHA-256</source>
        <translation>SHA-256 des conditions</translation>
    </message>
    <message>
        <source>Text check</source>
        <translation>Contrôle du texte</translation>
    </message>
    <message>
        <source>{card}, expires {expiry}, saved {time}</source>
        <translation>{card}, expire fin {expiry}, enregistrée le {time}</translation>
    </message>
    <message>
        <source>Card saved</source>
        <translation>Carte enregistrée</translation>
    </message>
    <message>
        <source>SetupIntent</source>
        <translation>SetupIntent</translation>
    </message>
    <message>
        <source>PaymentMethod</source>
        <translation>PaymentMethod</translation>
    </message>
    <message>
        <source>No card was saved under this consent.</source>
        <translation>Aucune carte n’a été enregistrée au titre de ce consentement.</translation>
    </message>
    <message>
        <source>{time} by {clerk} at desk {desk}. Reason: “{reason}”</source>
        <translation>{time} par {clerk} au poste {desk}. Motif&#xa0;: «&#xa0;{reason}&#xa0;»</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Retiré</translation>
    </message>
    <message>
        <source>Ledger record {seq}</source>
        <translation>Enregistrement {seq} du registre</translation>
    </message>
    <message>
        <source>Terms text shown to the customer:</source>
        <translation>Texte des conditions présenté au client&#xa0;:</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History</source>
        <extracomment>Days shown when the dialog opens (the clerk widens the range with the date fields). Milliseconds the customer filter waits for the clerk to stop typing before loading.</extracomment>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Customer filter</source>
        <translation>Filtre par client</translation>
    </message>
    <message>
        <source>Name, email or customer id</source>
        <translation>Nom, e-mail ou identifiant client</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Date de début</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Date de fin</translation>
    </message>
    <message>
        <source>Outcome filter</source>
        <translation>Filtre par résultat</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Tous les résultats</translation>
    </message>
    <message>
        <source>Desk filter</source>
        <translation>Filtre par poste</translation>
    </message>
    <message>
        <source>All desks</source>
        <translation>Tous les postes</translation>
    </message>
    <message>
        <source>Clerk filter</source>
        <translation>Filtre par vendeur</translation>
    </message>
    <message>
        <source>All clerks</source>
        <translation>Tous les vendeurs</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Load the history again (F5)</source>
        <translation>Recharger l’historique (F5)</translation>
    </message>
    <message>
        <source>C&amp;ustomer</source>
        <translation>C&amp;lient</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>D&amp;u</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>Résul&amp;tat</translation>
    </message>
    <message>
        <source>Des&amp;k</source>
        <translation>&amp;Poste</translation>
    </message>
    <message>
        <source>C&amp;lerk</source>
        <translation>&amp;Vendeur</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Opérations</translation>
    </message>
    <message>
        <source>&amp;Refund…</source>
        <translation>&amp;Rembourser…</translation>
    </message>
    <message>
        <source>&amp;Print receipt…</source>
        <translation>&amp;Imprimer le reçu…</translation>
    </message>
    <message>
        <source>Save receipt as P&amp;DF…</source>
        <translation>Enregistrer le reçu en P&amp;DF…</translation>
    </message>
    <message>
        <source>Open in &amp;Stripe</source>
        <translation>Ouvrir dans &amp;Stripe</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation>Chargement de l’historique…</translation>
    </message>
    <message>
        <source>No operation matches these filters.</source>
        <translation>Aucune opération ne correspond à ces filtres.</translation>
    </message>
    <message>
        <source>Showing the newest {count} operations: narrow the dates or the customer to see older ones.</source>
        <translation>Affichage des {count} opérations les plus récentes&#xa0;: resserrez les dates ou le client pour voir les plus anciennes.</translation>
    </message>
    <message>
        <source>1 operation</source>
        <translation>1 opération</translation>
    </message>
    <message>
        <source>{count} operations</source>
        <translation>{count} opérations</translation>
    </message>
    <message>
        <source>The history could not be read: {reason}</source>
        <translation>L’historique n’a pas pu être lu&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>A receipt for this line (Alt+P prints it, Alt+D saves it as PDF)</source>
        <translation>Le reçu de cette ligne (Alt+I l’imprime, Alt+D l’enregistre en PDF)</translation>
    </message>
    <message>
        <source>Receipts exist for charges and refunds that went through.</source>
        <translation>Les reçus existent pour les débits et les remboursements qui ont abouti.</translation>
    </message>
    <message>
        <source>Not available in demo mode: the demo runs on moto-desk&apos;s built-in simulator, which has no Stripe Dashboard.</source>
        <translation>Indisponible en mode démo&#xa0;: la démo fonctionne avec le simulateur intégré de moto-desk, qui n’a pas de tableau de bord Stripe.</translation>
    </message>
    <message>
        <source>Choose a line to open it in Stripe&apos;s Dashboard.</source>
        <translation>Choisissez une ligne pour l’ouvrir dans le tableau de bord Stripe.</translation>
    </message>
    <message>
        <source>Open this line in Stripe&apos;s Dashboard, in your web browser (Alt+S)</source>
        <translation>Ouvrir cette ligne dans le tableau de bord Stripe, dans votre navigateur (Alt+S)</translation>
    </message>
    <message>
        <source>Choose a charge in the list to refund it.</source>
        <translation>Choisissez un débit dans la liste pour le rembourser.</translation>
    </message>
    <message>
        <source>Only a charge can be refunded.</source>
        <translation>Seul un débit peut être remboursé.</translation>
    </message>
    <message>
        <source>Only a charge that went through can be refunded.</source>
        <translation>Seul un débit qui a abouti peut être remboursé.</translation>
    </message>
    <message>
        <source>A refund of this payment has no known result yet. Do not refund again: moto-desk checks it with Stripe at every start.</source>
        <translation>Le résultat d’un remboursement de ce paiement n’est pas encore connu. Ne remboursez pas de nouveau&#xa0;: moto-desk le vérifie auprès de Stripe à chaque démarrage.</translation>
    </message>
    <message>
        <source>Nothing is left to refund: this payment has been refunded in full.</source>
        <translation>Il ne reste rien à rembourser&#xa0;: ce paiement a été entièrement remboursé.</translation>
    </message>
    <message>
        <source>Refund all or part of this payment (Alt+R)</source>
        <translation>Rembourser tout ou partie de ce paiement (Alt+R)</translation>
    </message>
    <message>
        <source>The receipt has no shop name: set the shop&apos;s name and address in Settings (Ctrl+,).</source>
        <translation>Le reçu ne porte pas de nom de boutique&#xa0;: indiquez le nom et l’adresse de la boutique dans les Réglages (Ctrl+,).</translation>
    </message>
    <message>
        <source>Print the receipt</source>
        <translation>Imprimer le reçu</translation>
    </message>
    <message>
        <source>The receipt was sent to the printer.</source>
        <translation>Le reçu a été envoyé à l’imprimante.</translation>
    </message>
    <message>
        <source>Save the receipt as PDF</source>
        <translation>Enregistrer le reçu en PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The receipt could not be saved: {reason}</source>
        <translation>Le reçu n’a pas pu être enregistré&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Receipt saved as {path}.</source>
        <translation>Reçu enregistré sous {path}.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Save card</source>
        <translation>Enregistrement de carte</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Remboursement</translation>
    </message>
    <message>
        <source>Remove card</source>
        <translation>Retrait de carte</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Clear reader</source>
        <translation>Effacement du lecteur</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>Pas encore connu</translation>
    </message>
    <message>
        <source>Succeeded, refunded in full</source>
        <translation>Réussi, remboursé en totalité</translation>
    </message>
    <message>
        <source>Succeeded, partly refunded</source>
        <translation>Réussi, remboursé en partie</translation>
    </message>
    <message>
        <source>Requested by the customer</source>
        <translation>Demandé par le client</translation>
    </message>
    <message>
        <source>Duplicate payment</source>
        <translation>Paiement en double</translation>
    </message>
    <message>
        <source>Fraudulent payment</source>
        <translation>Paiement frauduleux</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Stripe ids</source>
        <translation>Identifiants Stripe</translation>
    </message>
    <message>
        <source>Refunded so far: {refunded}. Left to refund: {left}.</source>
        <translation>Déjà remboursé&#xa0;: {refunded}. Reste à rembourser&#xa0;: {left}.</translation>
    </message>
    <message>
        <source>A refund of this payment is not settled yet.</source>
        <translation>Le résultat d’un remboursement de ce paiement n’est pas encore connu.</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motif&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Save card</source>
        <extracomment>The consent ledger&apos;s check at start, once it has answered.</extracomment>
        <translation>Enregistrer la carte</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel the save</source>
        <translation>Annuler l’enregistrement</translation>
    </message>
    <message>
        <source>Cancel the running save (Esc)</source>
        <translation>Annuler l’enregistrement en cours (Échap)</translation>
    </message>
    <message>
        <source>our shop</source>
        <translation>notre boutique</translation>
    </message>
    <message>
        <source>Save and charge cards by phone or mail</source>
        <translation>Enregistrer et débiter des cartes par téléphone ou courrier</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>Rechercher un client</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>Nouveau client…</translation>
    </message>
    <message>
        <source>Charge saved card…</source>
        <translation>Débiter une carte enregistrée…</translation>
    </message>
    <message>
        <source>Consent evidence…</source>
        <translation>Preuves de consentement…</translation>
    </message>
    <message>
        <source>Card health…</source>
        <translation>État des cartes…</translation>
    </message>
    <message>
        <source>Simulated reader</source>
        <translation>Lecteur simulé</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Réglages…</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Historique…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Create a support bundle…</source>
        <translation>Créer un dossier d’assistance…</translation>
    </message>
    <message>
        <source>About moto-desk</source>
        <translation>À propos de moto-desk</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>&amp;Poste</translation>
    </message>
    <message>
        <source>&amp;Card</source>
        <translation>&amp;Carte</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Formation</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>The Stripe key could not be read.</source>
        <translation>La clé Stripe n’a pas pu être lue.</translation>
    </message>
    <message>
        <source>moto-desk checked the operations left unfinished last time. Please look at these:
{lines}</source>
        <translation>moto-desk a vérifié les opérations restées inachevées la dernière fois. Merci de regarder celles-ci&#xa0;:
{lines}</translation>
    </message>
    <message>
        <source>The consent ledger does not verify: it was changed outside moto-desk. Tell your administrator (moto-desk ledger verify names every problem).
{problems}</source>
        <translation>Le registre des consentements ne se vérifie pas&#xa0;: il a été modifié en dehors de moto-desk. Prévenez votre administrateur (moto-desk ledger verify nomme chaque problème).
{problems}</translation>
    </message>
    <message>
        <source>moto-desk could not check the operations left unfinished last time: {reason} It will try again at the next start.</source>
        <translation>moto-desk n’a pas pu vérifier les opérations restées inachevées la dernière fois&#xa0;: {reason} Il réessaiera au prochain démarrage.</translation>
    </message>
    <message>
        <source>Simulated reader (F9)</source>
        <translation>Lecteur simulé (F9)</translation>
    </message>
    <message>
        <source>wait until moto-desk is connected</source>
        <translation>attendre que moto-desk soit connecté</translation>
    </message>
    <message>
        <source>choose a customer</source>
        <translation>choisir un client</translation>
    </message>
    <message>
        <source>tick the consent box</source>
        <translation>cocher la case du consentement</translation>
    </message>
    <message>
        <source>choose a reader</source>
        <translation>choisir un lecteur</translation>
    </message>
    <message>
        <source>the consent terms are missing</source>
        <translation>les conditions de consentement manquent</translation>
    </message>
    <message>
        <source>press Check again to learn whether the last save worked</source>
        <translation>appuyer sur Vérifier de nouveau pour savoir si le dernier enregistrement a abouti</translation>
    </message>
    <message>
        <source>A save is running (Esc cancels it)</source>
        <translation>Un enregistrement est en cours (Échap pour l’annuler)</translation>
    </message>
    <message>
        <source>Save card (F5). Still to do: {steps}.</source>
        <translation>Enregistrer la carte (F5). Reste à faire&#xa0;: {steps}.</translation>
    </message>
    <message>
        <source>Save the card on the reader (F5)</source>
        <translation>Enregistrer la carte sur le lecteur (F5)</translation>
    </message>
    <message>
        <source>Not ready to save yet</source>
        <translation>Pas encore prêt pour l’enregistrement</translation>
    </message>
    <message>
        <source>Still to do: {steps}.</source>
        <translation>Reste à faire&#xa0;: {steps}.</translation>
    </message>
    <message>
        <source>Nothing to charge yet</source>
        <translation>Rien à débiter pour l’instant</translation>
    </message>
    <message>
        <source>Choose a customer who has a saved card, then press F6.</source>
        <translation>Choisissez un client qui a une carte enregistrée, puis appuyez sur F6.</translation>
    </message>
    <message>
        <source>No customer chosen</source>
        <translation>Aucun client choisi</translation>
    </message>
    <message>
        <source>Choose a customer to see the consent evidence (Ctrl+E).</source>
        <translation>Choisissez un client pour voir ses preuves de consentement (Ctrl+E).</translation>
    </message>
    <message>
        <source>Not connected yet</source>
        <translation>Pas encore connecté</translation>
    </message>
    <message>
        <source>Wait until moto-desk is connected, then check the cards again.</source>
        <translation>Attendez que moto-desk soit connecté, puis vérifiez de nouveau les cartes.</translation>
    </message>
    <message>
        <source>The history opens once moto-desk is connected.</source>
        <translation>L’historique s’ouvre une fois moto-desk connecté.</translation>
    </message>
    <message>
        <source>The new settings are saved. They take effect when the current payment has finished and you open Settings again, or at the next start.</source>
        <translation>Les nouveaux réglages sont enregistrés. Ils s’appliqueront quand le paiement en cours sera terminé et que vous rouvrirez les Réglages, ou au prochain démarrage.</translation>
    </message>
    <message>
        <source>A payment is in progress</source>
        <translation>Un paiement est en cours</translation>
    </message>
    <message>
        <source>A card save or charge is still in progress. If you quit now, moto-desk asks the reader to stop and records what happened; the result is checked again at the next start.

Quit anyway?</source>
        <translation>Un enregistrement ou un débit de carte est encore en cours. Si vous quittez maintenant, moto-desk demande au lecteur de s’arrêter et consigne ce qui s’est passé&#xa0;; le résultat sera vérifié de nouveau au prochain démarrage.

Quitter quand même&#xa0;?</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Quitter quand même</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>Continuer</translation>
    </message>
</context>
<context>
    <name>ModeBanner</name>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>DEMO — practice on the built-in card reader simulator. No real money.</source>
        <translation>DÉMO — entraînement sur le simulateur de lecteur intégré. Aucun argent réel.</translation>
    </message>
    <message>
        <source>TEST — Stripe test mode with simulated readers. No real money.</source>
        <translation>TEST — mode test de Stripe avec lecteurs simulés. Aucun argent réel.</translation>
    </message>
    <message>
        <source>LIVE — real cards, real money.</source>
        <translation>RÉEL — vraies cartes, argent réel.</translation>
    </message>
    <message>
        <source>Not connected to Stripe.</source>
        <translation>Non connecté à Stripe.</translation>
    </message>
</context>
<context>
    <name>NewCustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Customer&apos;s full name</source>
        <translation>Nom complet du client</translation>
    </message>
    <message>
        <source>Email address (optional)</source>
        <translation>Adresse e-mail (facultatif)</translation>
    </message>
    <message>
        <source>Phone number (optional)</source>
        <translation>Numéro de téléphone (facultatif)</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nom@exemple.com</translation>
    </message>
    <message>
        <source>+1 555 123 4567</source>
        <translation>+33 6 12 34 56 78</translation>
    </message>
    <message>
        <source>Create a new customer &amp;anyway</source>
        <translation>Créer &amp;quand même un nouveau client</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Téléphone</translation>
    </message>
    <message>
        <source>Create customer</source>
        <translation>Créer le client</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Use {name}</source>
        <translation>&amp;Utiliser {name}</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Notice</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Dismiss the notice</source>
        <translation>Masquer l’avis</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Check again</source>
        <extracomment>The pages, in the order the clerk meets them.</extracomment>
        <translation>Vérifier de nouveau</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>? Result not known yet</source>
        <translation>?&#xa0;Résultat pas encore connu</translation>
    </message>
    <message>
        <source>Asking Stripe what happened…</source>
        <translation>Interrogation de Stripe…</translation>
    </message>
    <message>
        <source>Stripe has not answered yet. Check again in a moment.</source>
        <translation>Stripe n’a pas encore répondu. Vérifiez de nouveau dans un instant.</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Disque</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans&#xa0;:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ReaderModel</name>
    <message>
        <source>online</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>status unknown</source>
        <translation>état inconnu</translation>
    </message>
</context>
<context>
    <name>ReaderPanel</name>
    <message>
        <source>3 · Reader</source>
        <translation>3 · Lecteur</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>Lecteur de carte</translation>
    </message>
    <message>
        <source>The reader to key the card into</source>
        <translation>Le lecteur sur lequel saisir la carte</translation>
    </message>
    <message>
        <source>Refresh the list of readers</source>
        <translation>Actualiser la liste des lecteurs</translation>
    </message>
    <message>
        <source>Refresh: reload the readers and whether they are online</source>
        <translation>Actualiser&#xa0;: recharger les lecteurs et leur état en ligne</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Loading readers…</source>
        <translation>Chargement des lecteurs…</translation>
    </message>
    <message>
        <source>No reader is registered on this Stripe account. Register one in the Stripe Dashboard, then press Refresh.</source>
        <translation>Aucun lecteur n’est enregistré sur ce compte Stripe. Enregistrez-en un dans le Dashboard Stripe, puis cliquez sur Actualiser.</translation>
    </message>
    <message>
        <source>Could not load the readers: {reason}</source>
        <translation>Impossible de charger les lecteurs&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>“{reader}” is offline: check that it is on and connected.</source>
        <translation>«&#xa0;{reader}&#xa0;» est hors ligne&#xa0;: vérifiez qu’il est allumé et connecté.</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Date</source>
        <extracomment>Page margins of a printed or saved receipt, in millimetres.</extracomment>
        <translation>Date</translation>
    </message>
    <message>
        <source>Amount refunded</source>
        <translation>Montant remboursé</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>Montant payé</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Approuvé par</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>Payment reference</source>
        <translation>Référence du paiement</translation>
    </message>
    <message>
        <source>Refund reference</source>
        <translation>Référence du remboursement</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Refund receipt</source>
        <translation>Reçu de remboursement</translation>
    </message>
    <message>
        <source>Payment receipt</source>
        <translation>Reçu de paiement</translation>
    </message>
    <message>
        <source>Card not present — mail/telephone order (MOTO)</source>
        <translation>Carte non présente — vente à distance (MOTO)</translation>
    </message>
    <message>
        <source>The refund goes back to the card above. It usually reaches the customer&apos;s account within 5 to 10 business days.</source>
        <translation>Le remboursement est crédité sur la carte ci-dessus. Il parvient généralement sur le compte du client sous 5 à 10 jours ouvrés.</translation>
    </message>
    <message>
        <source>Please keep this receipt for your records.</source>
        <translation>Merci de conserver ce reçu.</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund a payment</source>
        <extracomment>Stripe&apos;s refund reasons, in the order offered (the first is the usual one).</extracomment>
        <translation>Rembourser un paiement</translation>
    </message>
    <message>
        <source>Payment of {amount} on {time}</source>
        <translation>Paiement de {amount} le {time}</translation>
    </message>
    <message>
        <source>Card: {card}</source>
        <translation>Carte&#xa0;: {card}</translation>
    </message>
    <message>
        <source>Customer: {customer}</source>
        <translation>Client&#xa0;: {customer}</translation>
    </message>
    <message>
        <source>Payment reference: {reference}</source>
        <translation>Référence du paiement&#xa0;: {reference}</translation>
    </message>
    <message>
        <source>Asking Stripe how much is left to refund…</source>
        <translation>Interrogation de Stripe sur le montant restant à rembourser…</translation>
    </message>
    <message>
        <source>Refund everything that is left</source>
        <translation>Rembourser tout ce qui reste</translation>
    </message>
    <message>
        <source>Refund &amp;part of it</source>
        <translation>Rembourser une &amp;partie</translation>
    </message>
    <message>
        <source>Refund part of it</source>
        <translation>Rembourser une partie</translation>
    </message>
    <message>
        <source>Amount to refund</source>
        <translation>Montant à rembourser</translation>
    </message>
    <message>
        <source>Reason for the refund</source>
        <translation>Motif du remboursement</translation>
    </message>
    <message>
        <source>Review the refund…</source>
        <translation>Vérifier le remboursement…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>How much</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motif</translation>
    </message>
    <message>
        <source>Please check before refunding</source>
        <translation>Vérifiez avant de rembourser</translation>
    </message>
    <message>
        <source>The money goes back to this card. It usually reaches the customer&apos;s account within 5 to 10 business days. A refund cannot be undone.</source>
        <translation>L’argent est recrédité sur cette carte. Il parvient généralement sur le compte du client sous 5 à 10 jours ouvrés. Un remboursement ne peut pas être annulé.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Change the refund</source>
        <translation>Modifier le remboursement</translation>
    </message>
    <message>
        <source>Stripe could not be asked ({reason}). These figures are this desk&apos;s records; Stripe refuses a refund larger than what is really left.</source>
        <translation>Stripe n’a pas pu être interrogé ({reason}). Ces montants viennent des registres de ce poste&#xa0;; Stripe refuse un remboursement supérieur à ce qui reste réellement.</translation>
    </message>
    <message>
        <source>Nothing is left to refund: this payment has been refunded in full.</source>
        <translation>Il ne reste rien à rembourser&#xa0;: ce paiement a été entièrement remboursé.</translation>
    </message>
    <message>
        <source>Left to refund: {left} (already refunded: {refunded}).</source>
        <translation>Reste à rembourser&#xa0;: {left} (déjà remboursé&#xa0;: {refunded}).</translation>
    </message>
    <message>
        <source>Refund everything that is left ({amount})</source>
        <translation>Rembourser tout ce qui reste ({amount})</translation>
    </message>
    <message>
        <source>Only {left} is left to refund: type {left} or less.</source>
        <translation>Il ne reste que {left} à rembourser&#xa0;: saisissez {left} au plus.</translation>
    </message>
    <message>
        <source>Amounts in {currency} end in 0 (for example {example}).</source>
        <translation>Les montants en {currency} se terminent par 0 (par exemple {example}).</translation>
    </message>
    <message>
        <source>Will refund {amount}</source>
        <translation>Montant remboursé&#xa0;: {amount}</translation>
    </message>
    <message>
        <source>Refund: {amount}</source>
        <translation>Remboursement&#xa0;: {amount}</translation>
    </message>
    <message>
        <source>To the card: {card}</source>
        <translation>Sur la carte&#xa0;: {card}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motif&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Refund {amount}</source>
        <translation>Rembourser {amount}</translation>
    </message>
    <message>
        <source>Refunding {amount}… Please wait; do not close moto-desk.</source>
        <translation>Remboursement de {amount} en cours… Patientez&#xa0;; ne fermez pas moto-desk.</translation>
    </message>
    <message>
        <source>✓ Refunded {amount}</source>
        <translation>✓ {amount} remboursés</translation>
    </message>
    <message>
        <source>{card} will be credited.</source>
        <translation>La carte {card} sera créditée.</translation>
    </message>
    <message>
        <source>Refund reference: {reference}</source>
        <translation>Référence du remboursement&#xa0;: {reference}</translation>
    </message>
    <message>
        <source>The money usually reaches the customer&apos;s account within 5 to 10 business days.</source>
        <translation>L’argent parvient généralement sur le compte du client sous 5 à 10 jours ouvrés.</translation>
    </message>
    <message>
        <source>✗ Not refunded</source>
        <translation>✗ Non remboursé</translation>
    </message>
    <message>
        <source>Do not refund again. Press Check again to ask Stripe now (moto-desk also checks at every start).</source>
        <translation>Ne remboursez pas de nouveau. Appuyez sur Vérifier de nouveau pour interroger Stripe maintenant (moto-desk vérifie aussi à chaque démarrage).</translation>
    </message>
    <message>
        <source>Stripe confirms that the refund went through.</source>
        <translation>Stripe confirme que le remboursement a abouti.</translation>
    </message>
    <message>
        <source>Stripe confirms that nothing was refunded.</source>
        <translation>Stripe confirme que rien n’a été remboursé.</translation>
    </message>
</context>
<context>
    <name>SaveCardAction</name>
    <message>
        <source>Clear the reader?</source>
        <extracomment>How long a reader may show no result before the clerk is offered to stop it.</extracomment>
        <translation>Effacer le lecteur ?</translation>
    </message>
    <message>
        <source>The reader “{reader}” is busy with another desk&apos;s card entry ({intent}). Clearing it stops that desk&apos;s customer in the middle of their entry.

Clear the reader only if you are sure nobody is using it.</source>
        <translation>Le lecteur « {reader} » est occupé par la saisie de carte d’un autre poste ({intent}). L’effacer interrompt le client de ce poste en pleine saisie.

N’effacez le lecteur que si vous êtes sûr que personne ne l’utilise.</translation>
    </message>
    <message>
        <source>Stripe has not answered yet. Check again in a moment.</source>
        <translation>Stripe n’a pas encore répondu. Vérifiez de nouveau dans un instant.</translation>
    </message>
</context>
<context>
    <name>SavedCardsModel</name>
    <message>
        <source>Expired</source>
        <extracomment>A card expiring within this many days is marked &quot;expires soon&quot;.</extracomment>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Expires soon</source>
        <translation>Expire bientôt</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Valide</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Toujours</translation>
    </message>
    <message>
        <source>Limited</source>
        <translation>Limité</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Non précisé</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Shown again</source>
        <translation>Proposée</translation>
    </message>
    <message>
        <source>{card}, expires {expiry} ({state}); shown again: {redisplay}</source>
        <translation>{card}, expire fin {expiry} ({state})&#xa0;; proposée de nouveau&#xa0;: {redisplay}</translation>
    </message>
</context>
<context>
    <name>SavedCardsPanel</name>
    <message>
        <source>Saved cards</source>
        <translation>Cartes enregistrées</translation>
    </message>
    <message>
        <source>Saved cards of the customer</source>
        <translation>Cartes enregistrées du client</translation>
    </message>
    <message>
        <source>Charge saved card…</source>
        <translation>Débiter une carte enregistrée…</translation>
    </message>
    <message>
        <source>Charge a saved card</source>
        <translation>Débiter une carte enregistrée</translation>
    </message>
    <message>
        <source>Charge one of the customer&apos;s saved cards (F6)</source>
        <translation>Débiter une des cartes enregistrées du client (F6)</translation>
    </message>
    <message>
        <source>Consent evidence…</source>
        <translation>Preuves de consentement…</translation>
    </message>
    <message>
        <source>Show the customer&apos;s consent evidence</source>
        <translation>Afficher les preuves de consentement du client</translation>
    </message>
    <message>
        <source>The customer&apos;s consents, for a bank or an auditor: view, PDF, CSV (Ctrl+E)</source>
        <translation>Les consentements du client, pour une banque ou un auditeur&#xa0;: affichage, PDF, CSV (Ctrl+E)</translation>
    </message>
    <message>
        <source>Remove card…</source>
        <translation>Supprimer la carte…</translation>
    </message>
    <message>
        <source>Remove card (consent withdrawn)</source>
        <translation>Supprimer la carte (consentement retiré)</translation>
    </message>
    <message>
        <source>Choose a customer to see their saved cards.</source>
        <translation>Choisissez un client pour voir ses cartes enregistrées.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Loading saved cards…</source>
        <translation>Chargement des cartes enregistrées…</translation>
    </message>
    <message>
        <source>No saved card yet.</source>
        <translation>Aucune carte enregistrée pour l’instant.</translation>
    </message>
    <message>
        <source>Could not load the saved cards: {reason}</source>
        <translation>Impossible de charger les cartes enregistrées&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Choose a customer first (F6 charges a saved card)</source>
        <translation>Choisissez d’abord un client (F6 débite une carte enregistrée)</translation>
    </message>
    <message>
        <source>This customer has no saved card yet (F6)</source>
        <translation>Ce client n’a pas encore de carte enregistrée (F6)</translation>
    </message>
    <message>
        <source>Choose a saved card to remove</source>
        <translation>Choisissez une carte enregistrée à supprimer</translation>
    </message>
    <message>
        <source>Remove {card} because the customer withdrew consent: detached in Stripe, recorded in the consent ledger with a reason</source>
        <translation>Supprimer {card} parce que le client a retiré son consentement&#xa0;: carte détachée dans Stripe, retrait consigné dans le registre des consentements avec un motif</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>Countries whose phone numbering ``domain.phone`` knows.</extracomment>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Automatic — Stripe when a key is stored, otherwise demo</source>
        <translation>Automatique — Stripe si une clé est enregistrée, sinon démo</translation>
    </message>
    <message>
        <source>Demo — the built-in simulator</source>
        <translation>Démo — le simulateur intégré</translation>
    </message>
    <message>
        <source>Checking the stored key…</source>
        <translation>Vérification de la clé enregistrée…</translation>
    </message>
    <message>
        <source>New Stripe secret key</source>
        <translation>Nouvelle clé secrète Stripe</translation>
    </message>
    <message>
        <source>sk_live_… or sk_test_…</source>
        <translation>sk_live_… ou sk_test_…</translation>
    </message>
    <message>
        <source>Typed once: kept in this computer&apos;s keyring, never in a file</source>
        <translation>Saisie une seule fois&#xa0;: conservée dans le trousseau de cet ordinateur, jamais dans un fichier</translation>
    </message>
    <message>
        <source>Remove the stored key</source>
        <translation>Supprimer la clé enregistrée</translation>
    </message>
    <message>
        <source>Desk name</source>
        <translation>Nom du poste</translation>
    </message>
    <message>
        <source>Clerk name</source>
        <translation>Nom du vendeur</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Nom de la boutique</translation>
    </message>
    <message>
        <source>The name read to customers in the consent terms and printed on receipts</source>
        <translation>Le nom lu aux clients dans les conditions de consentement et imprimé sur les reçus</translation>
    </message>
    <message>
        <source>Shop address</source>
        <translation>Adresse de la boutique</translation>
    </message>
    <message>
        <source>Printed under the shop&apos;s name on receipts</source>
        <translation>Imprimée sous le nom de la boutique sur les reçus</translation>
    </message>
    <message>
        <source>Street, town and postcode, one per line</source>
        <translation>Rue, ville et code postal, un élément par ligne</translation>
    </message>
    <message>
        <source>Shop records</source>
        <translation>Registres de la boutique</translation>
    </message>
    <message>
        <source>Empty: this desk keeps its own records</source>
        <translation>Vide&#xa0;: ce poste tient ses propres registres</translation>
    </message>
    <message>
        <source>The shop&apos;s records on PostgreSQL, shared by every desk of the shop, e.g. postgresql://desk@server/shop?sslmode=require. The password belongs in ~/.pgpass, never here.</source>
        <translation>Les registres de la boutique sur PostgreSQL, partagés par tous ses postes, par ex. postgresql://poste@serveur/boutique?sslmode=require. Le mot de passe va dans ~/.pgpass, jamais ici.</translation>
    </message>
    <message>
        <source>Default reader</source>
        <translation>Lecteur par défaut</translation>
    </message>
    <message>
        <source>The last reader used at this desk</source>
        <translation>Le dernier lecteur utilisé à ce poste</translation>
    </message>
    <message>
        <source>Default currency</source>
        <translation>Devise par défaut</translation>
    </message>
    <message>
        <source>Country for phone numbers</source>
        <translation>Pays des numéros de téléphone</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>A new language is used from the next start.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage.</translation>
    </message>
    <message>
        <source>in English</source>
        <translation>en anglais</translation>
    </message>
    <message>
        <source>in French</source>
        <translation>en français</translation>
    </message>
    <message>
        <source>This session is {in_language} (chosen when moto-desk was started). {rest}</source>
        <translation>Cette session est {in_language} (choisi au lancement de moto-desk). {rest}</translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation>&amp;Mode</translation>
    </message>
    <message>
        <source>Stripe key</source>
        <translation>Clé Stripe</translation>
    </message>
    <message>
        <source>New &amp;key</source>
        <translation>Nouvelle &amp;clé</translation>
    </message>
    <message>
        <source>&amp;Desk name</source>
        <translation>Nom du &amp;poste</translation>
    </message>
    <message>
        <source>C&amp;lerk name</source>
        <translation>Nom du &amp;vendeur</translation>
    </message>
    <message>
        <source>&amp;Shop name</source>
        <translation>Nom de la &amp;boutique</translation>
    </message>
    <message>
        <source>Shop &amp;address</source>
        <translation>&amp;Adresse de la boutique</translation>
    </message>
    <message>
        <source>Shop rec&amp;ords</source>
        <translation>&amp;Registres de la boutique</translation>
    </message>
    <message>
        <source>Default &amp;reader</source>
        <translation>&amp;Lecteur par défaut</translation>
    </message>
    <message>
        <source>Default c&amp;urrency</source>
        <translation>&amp;Devise par défaut</translation>
    </message>
    <message>
        <source>&amp;Phone numbers</source>
        <translation>Numéros de &amp;téléphone</translation>
    </message>
    <message>
        <source>La&amp;nguage</source>
        <translation>La&amp;ngue</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>No key stored: moto-desk runs in demo mode.</source>
        <translation>Aucune clé enregistrée&#xa0;: moto-desk fonctionne en mode démo.</translation>
    </message>
    <message>
        <source>live mode</source>
        <translation>mode réel</translation>
    </message>
    <message>
        <source>test mode</source>
        <translation>mode test</translation>
    </message>
    <message>
        <source>from the STRIPE_API_KEY environment variable</source>
        <translation>venant de la variable d’environnement STRIPE_API_KEY</translation>
    </message>
    <message>
        <source>stored in this computer&apos;s keyring</source>
        <translation>enregistrée dans le trousseau de cet ordinateur</translation>
    </message>
    <message>
        <source>The stored key will be removed when you save.</source>
        <translation>La clé enregistrée sera supprimée quand vous enregistrerez.</translation>
    </message>
    <message>
        <source>The settings could not be saved: {reason}</source>
        <translation>Les réglages n’ont pas pu être enregistrés&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Who is at the desk?</source>
        <translation>Qui est au poste&#xa0;?</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <source>Choose your name with the arrow keys, then press Tab</source>
        <translation>Choisissez votre nom avec les flèches, puis appuyez sur Tab</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>Code &amp;PIN</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Sign in (Enter)</source>
        <translation>Se connecter (Entrée)</translation>
    </message>
    <message>
        <source>Training PINs (demo mode only): {pins}</source>
        <translation>Codes PIN d’entraînement (mode démo uniquement)&#xa0;: {pins}</translation>
    </message>
    <message>
        <source>Type your PIN.</source>
        <translation>Saisissez votre code PIN.</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Simulated reader</source>
        <translation>Lecteur simulé</translation>
    </message>
    <message>
        <source>Training only. While a reader waits for a card, pick a Stripe test card and present it, as if you keyed it in on the reader.</source>
        <translation>Pour la formation uniquement. Pendant qu’un lecteur attend une carte, choisissez une carte de test Stripe et présentez-la, comme si vous la saisissiez sur le lecteur.</translation>
    </message>
    <message>
        <source>Test card</source>
        <translation>Carte de test</translation>
    </message>
    <message>
        <source>Present the test card to the reader</source>
        <translation>Présenter la carte de test au lecteur</translation>
    </message>
    <message>
        <source>Test &amp;card</source>
        <translation>&amp;Carte de test</translation>
    </message>
    <message>
        <source>Present to the reader</source>
        <translation>Présenter au lecteur</translation>
    </message>
    <message>
        <source>Present to “{reader}”</source>
        <translation>Présenter à «&#xa0;{reader}&#xa0;»</translation>
    </message>
    <message>
        <source>The reader waits for a card: choose a test card, then press Present to the reader.</source>
        <translation>Le lecteur attend une carte&#xa0;: choisissez une carte de test, puis appuyez sur Présenter au lecteur.</translation>
    </message>
    <message>
        <source>Presenting…</source>
        <translation>Présentation…</translation>
    </message>
    <message>
        <source>The reader “{reader}” is not waiting for a card: press Save card (F5) first, then present the card.</source>
        <translation>Le lecteur «&#xa0;{reader}&#xa0;» n’attend pas de carte&#xa0;: appuyez d’abord sur Enregistrer la carte (F5), puis présentez la carte.</translation>
    </message>
    <message>
        <source>Presented: {card}.</source>
        <translation>Présentée&#xa0;: {card}.</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Status</source>
        <extracomment>The steps of a save in the order the clerk sees them (others are shown as they come). The outcome is not known yet (an answer lost, a reader that shows nothing).</extracomment>
        <translation>État</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Vérifier de nouveau</translation>
    </message>
    <message>
        <source>Ask Stripe what happened</source>
        <translation>Demander à Stripe ce qui s’est passé</translation>
    </message>
    <message>
        <source>Stop the reader</source>
        <translation>Arrêter le lecteur</translation>
    </message>
    <message>
        <source>Stop the reader&apos;s card request</source>
        <translation>Arrêter la demande de carte sur le lecteur</translation>
    </message>
    <message>
        <source>Clear the reader…</source>
        <translation>Effacer le lecteur…</translation>
    </message>
    <message>
        <source>Clear what another desk is doing on the reader</source>
        <translation>Effacer ce qu’un autre poste fait sur le lecteur</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Find the customer, read the terms aloud, tick the consent box, choose a reader, then press Save card (F5).</source>
        <translation>Trouvez le client, lisez les conditions à voix haute, cochez la case du consentement, choisissez un lecteur, puis appuyez sur Enregistrer la carte (F5).</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Starting moto-desk.</source>
        <translation>Démarrage de moto-desk.</translation>
    </message>
    <message>
        <source>Saving the card…</source>
        <translation>Enregistrement de la carte…</translation>
    </message>
    <message>
        <source>Starting.</source>
        <translation>Démarrage.</translation>
    </message>
    <message>
        <source>Press Esc to cancel.</source>
        <translation>Appuyez sur Échap pour annuler.</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Asking the reader to stop. The result will show here.</source>
        <translation>Demande d’arrêt envoyée au lecteur. Le résultat s’affichera ici.</translation>
    </message>
    <message>
        <source>{brand} ending in {last4}, expires {month:02d}/{year}</source>
        <translation>{brand} se terminant par {last4}, expire fin {month:02d}/{year}</translation>
    </message>
    <message>
        <source>Saved to {customer}. The consent is recorded.</source>
        <translation>Enregistrée pour {customer}. Le consentement est consigné.</translation>
    </message>
    <message>
        <source>✓ Card saved</source>
        <translation>✓ Carte enregistrée</translation>
    </message>
    <message>
        <source>Charge it now with Charge saved card (F6), or go on with the next customer.</source>
        <translation>Débitez-la maintenant avec Débiter une carte enregistrée (F6), ou passez au client suivant.</translation>
    </message>
    <message>
        <source>The form is kept: when you are ready, press Save card (F5) to try again.</source>
        <translation>Le formulaire est conservé&#xa0;: quand vous êtes prêt, appuyez sur Enregistrer la carte (F5) pour réessayer.</translation>
    </message>
    <message>
        <source>Reader cleared</source>
        <translation>Lecteur effacé</translation>
    </message>
    <message>
        <source>The reader “{reader}” is free again.</source>
        <translation>Le lecteur « {reader} » est de nouveau libre.</translation>
    </message>
    <message>
        <source>The form is kept: press Save card (F5) to start the save.</source>
        <translation>Le formulaire est conservé : appuyez sur Enregistrer la carte (F5) pour lancer l’enregistrement.</translation>
    </message>
    <message>
        <source>The card may have been saved. Do not save it again: press Check again and moto-desk asks Stripe what happened (it also checks at every start).</source>
        <translation>La carte a peut-être été enregistrée. Ne l’enregistrez pas une seconde fois&#xa0;: appuyez sur Vérifier de nouveau et moto-desk demandera à Stripe ce qui s’est passé (il vérifie aussi à chaque démarrage).</translation>
    </message>
    <message>
        <source>? The reader has not finished</source>
        <translation>? Le lecteur n’a pas terminé</translation>
    </message>
    <message>
        <source>If the customer is still giving the card details, wait and press Check again. Otherwise press Stop the reader: moto-desk cancels the card request and then tells you whether a card was saved.</source>
        <translation>Si le client est encore en train de donner les coordonnées de sa carte, patientez puis appuyez sur Vérifier de nouveau. Sinon, appuyez sur Arrêter le lecteur : moto-desk annule la demande de carte, puis vous indique si une carte a été enregistrée.</translation>
    </message>
    <message>
        <source>Asking Stripe what happened…</source>
        <translation>Interrogation de Stripe…</translation>
    </message>
    <message>
        <source>Stripe confirms that the card was saved. It is listed under Saved cards.</source>
        <translation>Stripe confirme que la carte a été enregistrée. Elle figure dans Cartes enregistrées.</translation>
    </message>
    <message>
        <source>No card was saved</source>
        <translation>Aucune carte enregistrée</translation>
    </message>
    <message>
        <source>Stripe confirms that no card was saved.</source>
        <translation>Stripe confirme qu’aucune carte n’a été enregistrée.</translation>
    </message>
    <message>
        <source>✗ Card declined — no card saved</source>
        <translation>✗ Carte refusée — aucune carte enregistrée</translation>
    </message>
    <message>
        <source>✗ The bank wants the customer to approve — no card saved</source>
        <translation>✗ La banque demande l’accord du client — aucune carte enregistrée</translation>
    </message>
    <message>
        <source>Canceled — no card saved</source>
        <translation>Annulé — aucune carte enregistrée</translation>
    </message>
    <message>
        <source>✗ Problem with the reader</source>
        <translation>✗ Problème de lecteur</translation>
    </message>
    <message>
        <source>✗ Could not reach Stripe</source>
        <translation>✗ Stripe injoignable</translation>
    </message>
    <message>
        <source>? Result not known yet</source>
        <translation>?&#xa0;Résultat pas encore connu</translation>
    </message>
    <message>
        <source>Something is missing</source>
        <translation>Il manque quelque chose</translation>
    </message>
    <message>
        <source>✗ Not done</source>
        <translation>✗ Non effectué</translation>
    </message>
    <message>
        <source>Recording the customer&apos;s consent…</source>
        <translation>Enregistrement du consentement du client…</translation>
    </message>
    <message>
        <source>Preparing the save with Stripe…</source>
        <translation>Préparation de l’enregistrement avec Stripe…</translation>
    </message>
    <message>
        <source>Sending to the reader “{reader}”…</source>
        <translation>Envoi au lecteur «&#xa0;{reader}&#xa0;»…</translation>
    </message>
    <message>
        <source>Key in the card number, expiry, CVC and postal code on the reader “{reader}”.</source>
        <translation>Saisissez le numéro de carte, la date d’expiration, le cryptogramme et le code postal sur le lecteur «&#xa0;{reader}&#xa0;».</translation>
    </message>
    <message>
        <source>Checking the result…</source>
        <translation>Vérification du résultat…</translation>
    </message>
    <message>
        <source>Charging the card…</source>
        <translation>Débit de la carte…</translation>
    </message>
    <message>
        <source>Checking the result with Stripe…</source>
        <translation>Vérification du résultat auprès de Stripe…</translation>
    </message>
    <message>
        <source>Refunding…</source>
        <translation>Remboursement…</translation>
    </message>
    <message>
        <source>Removing the card…</source>
        <translation>Suppression de la carte…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Terminé.</translation>
    </message>
    <message>
        <source>Read the customer&apos;s card details and type them on the reader&apos;s keypad.</source>
        <translation>Demandez au client les données de sa carte et tapez-les sur le clavier du lecteur.</translation>
    </message>
    <message>
        <source>Record the consent</source>
        <translation>Consigner le consentement</translation>
    </message>
    <message>
        <source>Prepare the save with Stripe</source>
        <translation>Préparer l’enregistrement avec Stripe</translation>
    </message>
    <message>
        <source>Send to the reader</source>
        <translation>Envoyer au lecteur</translation>
    </message>
    <message>
        <source>Card details keyed in on the reader</source>
        <translation>Carte saisie sur le lecteur</translation>
    </message>
    <message>
        <source>Check the result</source>
        <translation>Vérifier le résultat</translation>
    </message>
    <message>
        <source>Waiting for the card: {time}</source>
        <translation>En attente de la carte&#xa0;: {time}</translation>
    </message>
</context>
<context>
    <name>SupportBundleAction</name>
    <message>
        <source>Create a support bundle</source>
        <translation>Créer un dossier d’assistance</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Archives zip (*.zip)</translation>
    </message>
    <message>
        <source>Support bundle created</source>
        <translation>Dossier d’assistance créé</translation>
    </message>
    <message>
        <source>The support bundle was written to:
{path}

Send this file to your support contact. It holds no card number, no API key and no customer&apos;s name, email or phone number.</source>
        <translation>Le dossier d’assistance a été enregistré dans&#xa0;:
{path}

Envoyez ce fichier à votre contact d’assistance. Il ne contient aucun numéro de carte, aucune clé API, ni le nom, l’adresse e-mail ou le numéro de téléphone d’aucun client.</translation>
    </message>
</context>
<context>
    <name>TestCards</name>
    <message>
        <source>Visa — saved and charged normally</source>
        <translation>Visa — enregistrée et débitée normalement</translation>
    </message>
    <message>
        <source>Mastercard — saved and charged normally</source>
        <translation>Mastercard — enregistrée et débitée normalement</translation>
    </message>
    <message>
        <source>American Express — saved and charged normally</source>
        <translation>American Express — enregistrée et débitée normalement</translation>
    </message>
    <message>
        <source>Saved, but every later charge is declined</source>
        <translation>Enregistrée, mais chaque débit ultérieur est refusé</translation>
    </message>
    <message>
        <source>Saved, but charges need the customer&apos;s authentication</source>
        <translation>Enregistrée, mais les débits exigent l’authentification du client</translation>
    </message>
    <message>
        <source>Declined (no reason given)</source>
        <translation>Refusée (sans motif)</translation>
    </message>
    <message>
        <source>Declined: not enough funds</source>
        <translation>Refusée&#xa0;: provision insuffisante</translation>
    </message>
    <message>
        <source>Declined: card reported lost</source>
        <translation>Refusée&#xa0;: carte déclarée perdue</translation>
    </message>
    <message>
        <source>Declined: card reported stolen</source>
        <translation>Refusée&#xa0;: carte déclarée volée</translation>
    </message>
    <message>
        <source>Declined: expired card</source>
        <translation>Refusée&#xa0;: carte expirée</translation>
    </message>
    <message>
        <source>Declined: wrong security code (CVC)</source>
        <translation>Refusée&#xa0;: cryptogramme (CVC) erroné</translation>
    </message>
    <message>
        <source>Error at the bank (processing error)</source>
        <translation>Erreur de la banque (erreur de traitement)</translation>
    </message>
    <message>
        <source>Wrong card number</source>
        <translation>Numéro de carte erroné</translation>
    </message>
</context>
</TS>
