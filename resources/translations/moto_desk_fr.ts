<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
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
        <source>Check again</source>
        <translation>Vérifier de nouveau</translation>
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
        <source>Do not charge again. Press Check again to ask Stripe now (moto-desk also checks at every start).</source>
        <translation>Ne débitez pas de nouveau. Appuyez sur Vérifier de nouveau pour interroger Stripe maintenant (moto-desk vérifie aussi à chaque démarrage).</translation>
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
        <source>Stripe confirms that the payment went through.</source>
        <translation>Stripe confirme que le paiement a abouti.</translation>
    </message>
    <message>
        <source>Stripe confirms that nothing was charged.</source>
        <translation>Stripe confirme que rien n’a été débité.</translation>
    </message>
    <message>
        <source>Stripe has not answered yet. Check again in a moment.</source>
        <translation>Stripe n’a pas encore répondu. Vérifiez de nouveau dans un instant.</translation>
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
    <name>MainWindow</name>
    <message>
        <source>moto-desk — save and charge cards by phone or mail</source>
        <translation>moto-desk — enregistrer et débiter des cartes par téléphone ou courrier</translation>
    </message>
    <message>
        <source>Save card</source>
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
        <source>Simulated reader</source>
        <translation>Lecteur simulé</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Réglages…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
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
    <name>SaveCardAction</name>
    <message>
        <source>moto-desk lost the connection to Stripe before it could read the result.</source>
        <extracomment>Once the reader has the command, a lost answer may hide a saved card. Failures that say nothing about what Stripe did. How long a reader may show no result before the clerk is offered to stop it.</extracomment>
        <translation>moto-desk a perdu la connexion avec Stripe avant de pouvoir lire le résultat.</translation>
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
        <source>The name read to customers in the consent terms</source>
        <translation>Le nom lu aux clients dans les conditions de consentement</translation>
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
        <source>Presenting…</source>
        <translation>Présentation…</translation>
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
        <extracomment>The steps of a save in the order the clerk sees them (others are shown as they come).</extracomment>
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
