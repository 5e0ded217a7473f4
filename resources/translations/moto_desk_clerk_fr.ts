<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>clerk</name>
    <message>
        <source>The consent terms in “{language}” are damaged in this installation. Reinstall moto-desk.</source>
        <translation>Les conditions de consentement en «&#xa0;{language}&#xa0;» sont endommagées dans cette installation. Réinstallez moto-desk.</translation>
    </message>
    <message>
        <source>There are no consent terms in “{language}”. Choose one of: {choices}.</source>
        <translation>Il n’existe pas de conditions de consentement en «&#xa0;{language}&#xa0;». Choisissez l’une de ces langues&#xa0;: {choices}.</translation>
    </message>
    <message>
        <source>The consent terms in “{language}” are missing from this installation. Reinstall moto-desk.</source>
        <translation>Les conditions de consentement en «&#xa0;{language}&#xa0;» sont absentes de cette installation. Réinstallez moto-desk.</translation>
    </message>
    <message>
        <source>The card was declined. Ask the customer for another card, or ask them to contact their bank.</source>
        <translation>La carte a été refusée. Demandez au client une autre carte, ou invitez-le à contacter sa banque.</translation>
    </message>
    <message>
        <source>The customer&apos;s bank wants the customer to approve this payment themselves, which cannot be done over the phone. Ask the customer to pay in person or online, or to use another card.</source>
        <translation>La banque du client exige qu’il valide lui-même ce paiement, ce qui est impossible par téléphone. Proposez-lui de payer sur place ou en ligne, ou d’utiliser une autre carte.</translation>
    </message>
    <message>
        <source>The card reader is busy with another payment. Wait for it to finish, or cancel what it is doing, then try again.</source>
        <translation>Le terminal de paiement est occupé par un autre paiement. Attendez qu’il ait terminé, ou annulez l’opération en cours, puis réessayez.</translation>
    </message>
    <message>
        <source>The card reader is offline. Check that it is switched on and connected to the network, then try again.</source>
        <translation>Le terminal de paiement est hors ligne. Vérifiez qu’il est allumé et connecté au réseau, puis réessayez.</translation>
    </message>
    <message>
        <source>The card reader did not answer in time. Check the reader&apos;s screen: if it shows the card entry, carry on; otherwise try again.</source>
        <translation>Le terminal de paiement n’a pas répondu à temps. Regardez son écran&#xa0;: s’il affiche la saisie de la carte, continuez&#x202f;; sinon, réessayez.</translation>
    </message>
    <message>
        <source>The operation was canceled. Nothing was charged or saved.</source>
        <translation>L’opération a été annulée. Rien n’a été débité ni enregistré.</translation>
    </message>
    <message>
        <source>moto-desk could not reach Stripe. Check this computer&apos;s internet connection, then try again.</source>
        <translation>moto-desk n’a pas pu joindre Stripe. Vérifiez la connexion Internet de cet ordinateur, puis réessayez.</translation>
    </message>
    <message>
        <source>Stripe did not accept this desk&apos;s API key: it may be wrong or revoked. Ask your administrator to set a valid key.</source>
        <translation>Stripe n’a pas accepté la clé API de ce poste&#xa0;: elle est peut-être erronée ou révoquée. Demandez à votre administrateur de configurer une clé valide.</translation>
    </message>
    <message>
        <source>This desk&apos;s API key is not allowed to do this. Ask your administrator to grant the missing permission.</source>
        <translation>La clé API de ce poste n’a pas le droit d’effectuer cette opération. Demandez à votre administrateur d’accorder l’autorisation manquante.</translation>
    </message>
    <message>
        <source>Mail and telephone orders (MOTO) are not enabled on this Stripe account. Ask your administrator to request MOTO access from Stripe support.</source>
        <translation>Les commandes par courrier et par téléphone (MOTO) ne sont pas activées sur ce compte Stripe. Demandez à votre administrateur de demander l’accès MOTO au support Stripe.</translation>
    </message>
    <message>
        <source>Some of the details entered are not valid. Check them and try again.</source>
        <translation>Certaines informations saisies ne sont pas valides. Vérifiez-les, puis réessayez.</translation>
    </message>
    <message>
        <source>Stripe is receiving too many requests from this account right now. Wait a few seconds, then try again.</source>
        <translation>Stripe reçoit en ce moment trop de demandes de ce compte. Patientez quelques secondes, puis réessayez.</translation>
    </message>
    <message>
        <source>We could not find out whether this went through. Do not try again by hand: moto-desk will check with Stripe and show the result.</source>
        <translation>Impossible de savoir si l’opération a abouti. Ne la relancez pas vous-même&#xa0;: moto-desk va vérifier auprès de Stripe et affichera le résultat.</translation>
    </message>
    <message>
        <source>Stripe does not know this item: it may have been deleted. Refresh the list and try again.</source>
        <translation>Stripe ne connaît pas cet élément&#xa0;: il a peut-être été supprimé. Actualisez la liste, puis réessayez.</translation>
    </message>
    <message>
        <source>moto-desk is not set up correctly on this computer. Ask your administrator to check its settings.</source>
        <translation>moto-desk n’est pas correctement configuré sur cet ordinateur. Demandez à votre administrateur de vérifier ses réglages.</translation>
    </message>
    <message>
        <source>moto-desk could not read or write its data file on this computer. Check that the disk is not full, then restart moto-desk.</source>
        <translation>moto-desk n’a pas pu lire ou écrire son fichier de données sur cet ordinateur. Vérifiez que le disque n’est pas plein, puis redémarrez moto-desk.</translation>
    </message>
    <message>
        <source>You may not do this alone. Ask a supervisor to approve it, or the shop&apos;s owner.</source>
        <translation>Vous ne pouvez pas faire ceci seul. Demandez à un superviseur de l’approuver, ou au propriétaire de la boutique.</translation>
    </message>
    <message>
        <source>Something went wrong inside moto-desk. Please report it to your administrator; check the payment history before trying again.</source>
        <translation>Une erreur interne s’est produite dans moto-desk. Signalez-la à votre administrateur&#x202f;; consultez l’historique des paiements avant de réessayer.</translation>
    </message>
    <message>
        <source>The card reader is still busy with an earlier operation from this desk. Finish or cancel it on this desk, then try again.</source>
        <translation>Le terminal de paiement est encore occupé par une opération précédente de ce poste. Terminez-la ou annulez-la sur ce poste, puis réessayez.</translation>
    </message>
    <message>
        <source>The card reader is being used by someone else ({holder}). Wait for them to finish, or choose another reader.</source>
        <translation>Le terminal de paiement est utilisé par quelqu’un d’autre ({holder}). Attendez que cette personne ait terminé, ou choisissez un autre terminal.</translation>
    </message>
    <message>
        <source>The card reader is being used by another desk or program. Wait for them to finish, or choose another reader.</source>
        <translation>Le terminal de paiement est utilisé par un autre poste ou un autre programme. Attendez la fin de l’opération en cours, ou choisissez un autre terminal.</translation>
    </message>
    <message>
        <source>This desk&apos;s API key is not allowed to do this: it lacks the “{permission}” permission ({code}). Ask your administrator to add it to the key in the Stripe Dashboard (Developers → API keys).</source>
        <translation>La clé API de ce poste n’a pas le droit d’effectuer cette opération&#xa0;: il lui manque l’autorisation «&#xa0;{permission}&#xa0;» ({code}). Demandez à votre administrateur de l’ajouter à la clé dans le Dashboard Stripe (Développeurs → Clés API).</translation>
    </message>
    <message>
        <source>This desk&apos;s API key is not allowed to do this: it lacks the “{permission}” permission. Ask your administrator to add it to the key.</source>
        <translation>La clé API de ce poste n’a pas le droit d’effectuer cette opération&#xa0;: il lui manque l’autorisation «&#xa0;{permission}&#xa0;». Demandez à votre administrateur de l’ajouter à la clé.</translation>
    </message>
    <message>
        <source>The card was declined by the customer&apos;s bank, without a reason. Ask the customer to contact their bank, or to use another card.</source>
        <translation>La carte a été refusée par la banque du client, sans motif. Invitez le client à contacter sa banque, ou à utiliser une autre carte.</translation>
    </message>
    <message>
        <source>The card was declined: not enough funds. Ask the customer for another card, or to try again later.</source>
        <translation>La carte a été refusée&#xa0;: fonds insuffisants. Demandez au client une autre carte, ou de réessayer plus tard.</translation>
    </message>
    <message>
        <source>The card was declined: it has been reported lost. Do not try this card again. Ask the customer for another card.</source>
        <translation>La carte a été refusée&#xa0;: elle a été déclarée perdue. N’essayez plus cette carte. Demandez au client une autre carte.</translation>
    </message>
    <message>
        <source>The card was declined: it has been reported stolen. Do not try this card again. Ask the customer for another card.</source>
        <translation>La carte a été refusée&#xa0;: elle a été déclarée volée. N’essayez plus cette carte. Demandez au client une autre carte.</translation>
    </message>
    <message>
        <source>The card was declined: it has expired. Check the expiry date with the customer, or ask for another card.</source>
        <translation>La carte a été refusée&#xa0;: elle a expiré. Vérifiez la date d’expiration avec le client, ou demandez une autre carte.</translation>
    </message>
    <message>
        <source>The card was declined: the security code (CVC) is wrong. Ask the customer to read it again and retry.</source>
        <translation>La carte a été refusée&#xa0;: le cryptogramme (CVC) est erroné. Demandez au client de le relire, puis réessayez.</translation>
    </message>
    <message>
        <source>The card could not be processed because of an error at the bank. Try again in a moment; if it happens again, ask for another card.</source>
        <translation>La carte n’a pas pu être traitée en raison d’une erreur de la banque. Réessayez dans un instant&#x202f;; si l’erreur se reproduit, demandez une autre carte.</translation>
    </message>
    <message>
        <source>The card number is wrong. Ask the customer to read it again and retry.</source>
        <translation>Le numéro de carte est erroné. Demandez au client de le relire, puis réessayez.</translation>
    </message>
    <message>
        <source>The card was declined: the customer has reached a limit on this card. Ask the customer to contact their bank, or to use another card.</source>
        <translation>La carte a été refusée&#xa0;: le client a atteint un plafond sur cette carte. Invitez le client à contacter sa banque, ou à utiliser une autre carte.</translation>
    </message>
    <message>
        <source>The card was declined by the customer&apos;s bank. Ask the customer to contact their bank, or to use another card.</source>
        <translation>La carte a été refusée par la banque du client. Invitez le client à contacter sa banque, ou à utiliser une autre carte.</translation>
    </message>
    <message>
        <source>The card was declined because the payment looks suspicious to the bank. Do not try this card again. Ask the customer for another card.</source>
        <translation>La carte a été refusée, car la banque juge ce paiement suspect. N’essayez plus cette carte. Demandez au client une autre carte.</translation>
    </message>
    <message>
        <source>The card was declined (reason: {reason}). Ask the customer for another card, or ask them to contact their bank.</source>
        <translation>La carte a été refusée (motif&#xa0;: {reason}). Demandez au client une autre carte, ou invitez-le à contacter sa banque.</translation>
    </message>
    <message>
        <source>“{currency}” is not a currency code. Use a three-letter code such as EUR or USD.</source>
        <translation>«&#xa0;{currency}&#xa0;» n’est pas un code de devise. Utilisez un code à trois lettres, comme EUR ou USD.</translation>
    </message>
    <message>
        <source>“{shown}” is not in {currency}. Remove “{mark}” and type the amount in {currency}.</source>
        <translation>«&#xa0;{shown}&#xa0;» n’est pas en {currency}. Retirez «&#xa0;{mark}&#xa0;» et saisissez le montant en {currency}.</translation>
    </message>
    <message>
        <source>“{shown}” is in {other}, but this amount is in {currency}. Type the amount in {currency}.</source>
        <translation>«&#xa0;{shown}&#xa0;» est en {other}, mais ce montant est en {currency}. Saisissez le montant en {currency}.</translation>
    </message>
    <message>
        <source>“{shown}” is not an amount. Type it in figures, for example {small} or {large}.</source>
        <translation>«&#xa0;{shown}&#xa0;» n’est pas un montant. Saisissez-le en chiffres, par exemple {small} ou {large}.</translation>
    </message>
    <message>
        <source>Check the separators in “{shown}”, for example {small} or {large}.</source>
        <translation>Vérifiez les séparateurs de «&#xa0;{shown}&#xa0;» (par exemple {small} ou {large}).</translation>
    </message>
    <message>
        <source>“{shown}” could mean {whole}{rest} or {whole} point {rest}. Type {whole}{rest} without a separator, or {whole},{rest} with a decimal comma.</source>
        <translation>«&#xa0;{shown}&#xa0;» peut se lire {whole}{rest} ou {whole} virgule {rest}. Saisissez {whole}{rest} sans séparateur, ou {whole},{rest} avec une virgule décimale.</translation>
    </message>
    <message>
        <source>That amount is too long. Type it in figures, for example 12.50.</source>
        <translation>Ce montant est trop long. Saisissez-le en chiffres, par exemple 12,50.</translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation>Saisissez un montant.</translation>
    </message>
    <message>
        <source>Enter an amount greater than zero. To give money back, use a refund.</source>
        <translation>Saisissez un montant supérieur à zéro. Pour rendre de l’argent au client, faites un remboursement.</translation>
    </message>
    <message>
        <source>Amounts in {currency} have no decimals. Type whole units, for example {example}.</source>
        <translation>Les montants en {currency} n’ont pas de décimales. Saisissez des unités entières, par exemple {example}.</translation>
    </message>
    <message>
        <source>Amounts in {currency} have at most {decimals} decimals, for example {example}.</source>
        <translation>Les montants en {currency} ont au plus {decimals} décimales, par exemple {example}.</translation>
    </message>
    <message>
        <source>Enter an amount greater than zero.</source>
        <translation>Saisissez un montant supérieur à zéro.</translation>
    </message>
    <message>
        <source>The smallest amount you can charge in {currency} is {amount}.</source>
        <translation>Le montant minimum que vous pouvez débiter en {currency} est de {amount}.</translation>
    </message>
    <message>
        <source>The largest amount you can charge in {currency} is {amount}.</source>
        <translation>Le montant maximum que vous pouvez débiter en {currency} est de {amount}.</translation>
    </message>
    <message>
        <source>Card amounts in {currency} must end in 0, for example {example}.</source>
        <translation>Les montants débités par carte en {currency} doivent se terminer par 0, par exemple {example}.</translation>
    </message>
    <message>
        <source>Enter a phone number.</source>
        <translation>Saisissez un numéro de téléphone.</translation>
    </message>
    <message>
        <source>“{shown}” is not a phone number. Type digits only, for example +1 555 123 4567.</source>
        <translation>«&#xa0;{shown}&#xa0;» n’est pas un numéro de téléphone. Saisissez uniquement des chiffres, par exemple +33 6 12 34 56 78.</translation>
    </message>
    <message>
        <source>“{shown}” has a + in the middle. Only the first character may be +.</source>
        <translation>«&#xa0;{shown}&#xa0;» contient un + au milieu. Seul le premier caractère peut être un +.</translation>
    </message>
    <message>
        <source>Type “{shown}” with its country code, starting with +, for example +46 8 123 456.</source>
        <translation>Saisissez «&#xa0;{shown}&#xa0;» avec son indicatif de pays, en commençant par +, par exemple +46 8 123 456.</translation>
    </message>
    <message>
        <source>“{shown}” is too short for a phone number. Check the digits.</source>
        <translation>«&#xa0;{shown}&#xa0;» est trop court pour un numéro de téléphone. Vérifiez les chiffres.</translation>
    </message>
    <message>
        <source>“{shown}” is too long for a phone number (at most {limit} digits with the country code). Check the digits.</source>
        <translation>«&#xa0;{shown}&#xa0;» est trop long pour un numéro de téléphone ({limit} chiffres au plus, indicatif de pays compris). Vérifiez les chiffres.</translation>
    </message>
    <message>
        <source>“{shown}” has no valid country code. Check the digits.</source>
        <translation>«&#xa0;{shown}&#xa0;» n’a pas d’indicatif de pays valide. Vérifiez les chiffres.</translation>
    </message>
    <message>
        <source>“{shown}” does not have the right number of digits for +{calling_code}. Check the digits.</source>
        <translation>«&#xa0;{shown}&#xa0;» n’a pas le bon nombre de chiffres pour l’indicatif +{calling_code}. Vérifiez les chiffres.</translation>
    </message>
    <message>
        <source>This data file was written by a newer version of moto-desk (data version {found}; this program knows up to {known}). Update moto-desk on this computer before using it again.</source>
        <translation>Ce fichier de données a été écrit par une version plus récente de moto-desk (version des données&#xa0;: {found}&#x202f;; ce programme connaît jusqu’à la version {known}). Mettez à jour moto-desk sur cet ordinateur avant de l’utiliser à nouveau.</translation>
    </message>
    <message>
        <source>moto-desk could not create its data file. Check that the disk is not full and that you may write to the data folder.</source>
        <translation>moto-desk n’a pas pu créer son fichier de données. Vérifiez que le disque n’est pas plein et que vous avez le droit d’écrire dans le dossier de données.</translation>
    </message>
    <message>
        <source>moto-desk could not open its data file.</source>
        <translation>moto-desk n’a pas pu ouvrir son fichier de données.</translation>
    </message>
    <message>
        <source>moto-desk cannot use its data file safely in this folder (it may be on a network drive). Ask your administrator to keep moto-desk&apos;s data on this computer&apos;s disk.</source>
        <translation>moto-desk ne peut pas utiliser son fichier de données en toute sécurité dans ce dossier (il se trouve peut-être sur un lecteur réseau). Demandez à votre administrateur de placer les données de moto-desk sur le disque de cet ordinateur.</translation>
    </message>
    <message>
        <source>moto-desk&apos;s data file is in use by another program. Close other copies of moto-desk on this computer, then try again.</source>
        <translation>Le fichier de données de moto-desk est utilisé par un autre programme. Quittez les autres sessions de moto-desk ouvertes sur cet ordinateur, puis réessayez.</translation>
    </message>
    <message>
        <source>The disk is full: moto-desk cannot save its records. Free some space, then restart moto-desk.</source>
        <translation>Le disque est plein&#xa0;: moto-desk ne peut pas enregistrer ses données. Libérez de l’espace, puis redémarrez moto-desk.</translation>
    </message>
    <message>
        <source>moto-desk&apos;s data file is damaged. Do not delete it: ask your administrator to restore it from a backup.</source>
        <translation>Le fichier de données de moto-desk est endommagé. Ne le supprimez pas&#xa0;: demandez à votre administrateur de le restaurer à partir d’une sauvegarde.</translation>
    </message>
    <message>
        <source>moto-desk could not read or write its data file. Check that the disk is not full, then restart moto-desk.</source>
        <translation>moto-desk n’a pas pu lire ou écrire son fichier de données. Vérifiez que le disque n’est pas plein, puis redémarrez moto-desk.</translation>
    </message>
    <message>
        <source>moto-desk cannot reach the shop&apos;s records{where}. Nothing more was sent to Stripe. Check the network and that the records server is running, then try again.</source>
        <translation>moto-desk ne parvient pas à joindre les registres de la boutique{where}. Rien de plus n’a été envoyé à Stripe. Vérifiez le réseau et que le serveur des registres fonctionne, puis réessayez.</translation>
    </message>
    <message>
        <source>The order reference looks like a card number. Type the shop&apos;s order number, never card details.</source>
        <translation>La référence de commande ressemble à un numéro de carte. Saisissez le numéro de commande du magasin, jamais les coordonnées d’une carte.</translation>
    </message>
    <message>
        <source>The reason looks like it contains a card number or a key. Do not type card details here: describe the reason in words.</source>
        <translation>Le motif semble contenir un numéro de carte ou une clé. Ne saisissez pas de coordonnées de carte ici&#xa0;: expliquez le motif en quelques mots.</translation>
    </message>
    <message>
        <source>moto-desk could not write the export to “{path}”. Check the folder exists, that you may write to it, and that the disk is not full.</source>
        <translation>moto-desk n’a pas pu écrire l’export dans «&#xa0;{path}&#xa0;». Vérifiez que le dossier existe, que vous avez le droit d’y écrire et que le disque n’est pas plein.</translation>
    </message>
    <message>
        <source>This customer has been deleted in Stripe. Search for the customer again, or create a new one.</source>
        <translation>Ce client a été supprimé dans Stripe. Recherchez de nouveau le client, ou créez-en un nouveau.</translation>
    </message>
    <message>
        <source>Test cards cannot be used in live mode.</source>
        <translation>Les cartes de test ne peuvent pas être utilisées en mode production.</translation>
    </message>
    <message>
        <source>The amount is below the smallest amount Stripe accepts for this currency.</source>
        <translation>Le montant est inférieur au minimum accepté par Stripe pour cette devise.</translation>
    </message>
    <message>
        <source>The amount is above the largest amount Stripe accepts.</source>
        <translation>Le montant dépasse le maximum accepté par Stripe.</translation>
    </message>
    <message>
        <source>The email address is not valid.</source>
        <translation>L’adresse e-mail n’est pas valide.</translation>
    </message>
    <message>
        <source>This payment has already been refunded in full.</source>
        <translation>Ce paiement a déjà été entièrement remboursé.</translation>
    </message>
    <message>
        <source>This is a publishable key (it starts with “pk_”). moto-desk needs a secret key (“sk_…”) or a restricted key (“rk_…”) from the Stripe Dashboard, under Developers → API keys.</source>
        <translation>Il s’agit d’une clé publiable (elle commence par «&#xa0;pk_&#xa0;»). moto-desk a besoin d’une clé secrète («&#xa0;sk_…&#xa0;») ou d’une clé restreinte («&#xa0;rk_…&#xa0;») du tableau de bord Stripe, rubrique Développeurs → Clés API.</translation>
    </message>
    <message>
        <source>This does not look like a Stripe secret key. Secret keys start with “sk_test_” or “sk_live_”, restricted keys with “rk_test_” or “rk_live_”.</source>
        <translation>Cela ne ressemble pas à une clé secrète Stripe. Les clés secrètes commencent par «&#xa0;sk_test_&#xa0;» ou «&#xa0;sk_live_&#xa0;», les clés restreintes par «&#xa0;rk_test_&#xa0;» ou «&#xa0;rk_live_&#xa0;».</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring) that moto-desk can use, so the Stripe key cannot be kept safely here. Use demo mode, or start moto-desk with the key in the STRIPE_API_KEY environment variable. moto-desk never writes the key to a plain file.</source>
        <translation>Cet ordinateur n’a pas de coffre à mots de passe (trousseau) utilisable par moto-desk&#xa0;: la clé Stripe ne peut donc pas y être conservée en sécurité. Utilisez le mode démo, ou lancez moto-desk avec la clé dans la variable d’environnement STRIPE_API_KEY. moto-desk n’écrit jamais la clé dans un simple fichier.</translation>
    </message>
    <message>
        <source>This card was charged the same amount less than {minutes} minutes ago. Charge it again only if the customer asked for a second, separate payment.</source>
        <translation>Cette carte a été débitée du même montant il y a moins de {minutes} minutes. Ne la débitez à nouveau que si le client a demandé un second paiement, distinct du premier.</translation>
    </message>
    <message>
        <source>The customer withdrew their consent for this card, so it must not be charged. Ask the customer for a new consent and save the card again.</source>
        <translation>Le client a retiré son accord pour cette carte : elle ne doit pas être débitée. Demandez au client un nouvel accord et enregistrez de nouveau la carte.</translation>
    </message>
    <message>
        <source>The payment did not complete (status: {status}). Nothing was charged.</source>
        <translation>Le paiement n’a pas abouti (état&#xa0;: {status}). Rien n’a été débité.</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name.</source>
        <translation>Saisissez le nom du client.</translation>
    </message>
    <message>
        <source>The name is too long (at most {limit} characters).</source>
        <translation>Le nom est trop long ({limit} caractères au plus).</translation>
    </message>
    <message>
        <source>The email address does not look right (for example: name@example.com).</source>
        <translation>L’adresse e-mail ne semble pas correcte (par exemple&#xa0;: nom@example.com).</translation>
    </message>
    <message>
        <source>A customer with this email or phone number already exists: {who}. Use that customer, or create a new one only if this is another person.</source>
        <translation>Un client avec cette adresse e-mail ou ce numéro de téléphone existe déjà&#xa0;: {who}. Utilisez ce client, ou créez-en un nouveau seulement s’il s’agit d’une autre personne.</translation>
    </message>
    <message>
        <source>Stopped before anything was sent.</source>
        <translation>Opération arrêtée avant tout envoi.</translation>
    </message>
    <message>
        <source>{count} payments carry this journal entry — check them in Stripe.</source>
        <translation>{count} paiements sont rattachés à cette opération du journal&#xa0;: vérifiez-les dans Stripe.</translation>
    </message>
    <message>
        <source>Payment still {status}.</source>
        <translation>Paiement toujours à l’état «&#xa0;{status}&#xa0;».</translation>
    </message>
    <message>
        <source>The charge went through.</source>
        <translation>Le débit a abouti.</translation>
    </message>
    <message>
        <source>The charge was declined.</source>
        <translation>Le débit a été refusé.</translation>
    </message>
    <message>
        <source>The charge was canceled.</source>
        <translation>Le débit a été annulé.</translation>
    </message>
    <message>
        <source>The save never reached Stripe.</source>
        <translation>L’enregistrement de la carte n’est jamais parvenu à Stripe.</translation>
    </message>
    <message>
        <source>The card {card} was saved.</source>
        <translation>La carte {card} a été enregistrée.</translation>
    </message>
    <message>
        <source>A charge was interrupted before it reached Stripe: the customer was not charged. Charge again if the order still stands.</source>
        <translation>Un débit a été interrompu avant de parvenir à Stripe&#xa0;: le client n’a pas été débité. Débitez à nouveau si la commande tient toujours.</translation>
    </message>
    <message>
        <source>A charge of {amount} was interrupted before it reached Stripe: the customer was not charged. Charge again if the order still stands.</source>
        <translation>Un débit de {amount} a été interrompu avant de parvenir à Stripe&#xa0;: le client n’a pas été débité. Débitez à nouveau si la commande tient toujours.</translation>
    </message>
    <message>
        <source>A reader clear was interrupted. Look at the reader before using it.</source>
        <translation>Un effacement du lecteur a été interrompu. Regardez le lecteur avant de l’utiliser.</translation>
    </message>
    <message>
        <source>No card was saved.</source>
        <translation>Aucune carte n’a été enregistrée.</translation>
    </message>
    <message>
        <source>The reader “{reader}” is still waiting for this card. Finish or cancel it on the reader.</source>
        <translation>Le terminal «&#xa0;{reader}&#xa0;» attend encore cette carte. Terminez ou annulez la saisie sur le terminal.</translation>
    </message>
    <message>
        <source>The refund never reached Stripe.</source>
        <translation>Le remboursement n’est jamais parvenu à Stripe.</translation>
    </message>
    <message>
        <source>The refund went through.</source>
        <translation>Le remboursement a abouti.</translation>
    </message>
    <message>
        <source>Nothing to remove.</source>
        <translation>Rien à supprimer.</translation>
    </message>
    <message>
        <source>The card was removed.</source>
        <translation>La carte a été supprimée.</translation>
    </message>
    <message>
        <source>Nothing to create.</source>
        <translation>Rien à créer.</translation>
    </message>
    <message>
        <source>Customer {name} created.</source>
        <translation>Client {name} créé.</translation>
    </message>
    <message>
        <source>This save was already settled.</source>
        <translation>Cet enregistrement était déjà réglé.</translation>
    </message>
    <message>
        <source>The reader “{reader}” has shown no result for {minutes} minute(s). If the customer is still giving the card details, wait; otherwise cancel the reader&apos;s action.</source>
        <translation>Le terminal «&#xa0;{reader}&#xa0;» n’affiche aucun résultat depuis {minutes} minute(s). Si le client est encore en train de donner les coordonnées de sa carte, patientez&#x202f;; sinon, annulez l’opération du terminal.</translation>
    </message>
    <message>
        <source>The customer&apos;s consent is required before saving a card. Read the terms to the customer and tick the consent box.</source>
        <translation>L’accord du client est nécessaire avant d’enregistrer une carte. Lisez-lui les conditions et cochez la case de consentement.</translation>
    </message>
    <message>
        <source>The customer&apos;s entry was canceled on the reader. No card was saved. You can start again when the customer is ready.</source>
        <translation>La saisie de la carte a été annulée sur le terminal. Aucune carte n’a été enregistrée. Vous pourrez recommencer quand le client sera prêt.</translation>
    </message>
    <message>
        <source>The reader stopped before a card was entered ({reason}). No card was saved; try again when the customer is ready.</source>
        <translation>Le terminal s’est arrêté avant la saisie d’une carte ({reason}). Aucune carte n’a été enregistrée&#x202f;; réessayez quand le client sera prêt.</translation>
    </message>
    <message>
        <source>The reader stopped this save before a card was entered — it was canceled or taken over by another desk. No card was saved.</source>
        <translation>Le terminal a interrompu cet enregistrement avant la saisie d’une carte&#xa0;: il a été annulé ou repris par un autre poste. Aucune carte n’a été enregistrée.</translation>
    </message>
    <message>
        <source>You canceled the save. The reader is free again.</source>
        <translation>Vous avez annulé l’enregistrement. Le lecteur est de nouveau libre.</translation>
    </message>
    <message>
        <source>moto-desk is already open for this data folder (process {pid}). Switch to that window, or close it before starting moto-desk again.</source>
        <translation>moto-desk est déjà ouvert pour ce dossier de données (processus {pid}). Passez à cette fenêtre, ou fermez-la avant de relancer moto-desk.</translation>
    </message>
    <message>
        <source>Enter why the customer withdrew consent (for example: “asked by phone”).</source>
        <translation>Indiquez pourquoi le client a retiré son consentement (par exemple&#xa0;: «&#xa0;demandé par téléphone&#xa0;»).</translation>
    </message>
    <message>
        <source>The reason is too long (at most {limit} characters).</source>
        <translation>Le motif est trop long ({limit} caractères au plus).</translation>
    </message>
    <message>
        <source>The reader is no longer doing what you saw, so nothing was cleared. Look at what it is doing now before you decide again.</source>
        <translation>Le lecteur ne fait plus ce que vous aviez vu : rien n’a été effacé. Regardez ce qu’il fait maintenant avant de décider à nouveau.</translation>
    </message>
    <message>
        <source>No reader is called “{reader}”. The readers are: {known}.</source>
        <translation>Aucun lecteur ne s’appelle «&#xa0;{reader}&#xa0;». Les lecteurs sont&#xa0;: {known}.</translation>
    </message>
    <message>
        <source>The customer {customer} has no saved card {card}: it may have been removed. Check the customer&apos;s saved cards.</source>
        <translation>Le client {customer} n’a pas de carte enregistrée {card}&#xa0;: elle a peut-être été retirée. Vérifiez les cartes enregistrées du client.</translation>
    </message>
    <message>
        <source>moto-desk could not write the support bundle to “{path}”. Check the folder exists, that you may write to it, and that the disk is not full.</source>
        <translation>moto-desk n’a pas pu écrire le dossier d’assistance dans «&#xa0;{path}&#xa0;». Vérifiez que le dossier existe, que vous avez le droit d’y écrire et que le disque n’est pas plein.</translation>
    </message>
    <message>
        <source>“{value}” is not a customer: a customer&apos;s id starts with cus_.</source>
        <translation>«&#xa0;{value}&#xa0;» n’est pas un client&#xa0;: l’identifiant d’un client commence par cus_.</translation>
    </message>
    <message>
        <source>“{value}” is not a saved card: a saved card&apos;s id starts with pm_.</source>
        <translation>«&#xa0;{value}&#xa0;» n’est pas une carte enregistrée&#xa0;: l’identifiant d’une carte enregistrée commence par pm_.</translation>
    </message>
    <message>
        <source>“{value}” is not a payment: a payment&apos;s id starts with pi_.</source>
        <translation>«&#xa0;{value}&#xa0;» n’est pas un paiement&#xa0;: l’identifiant d’un paiement commence par pi_.</translation>
    </message>
    <message>
        <source>“{value}” is not a reader: a reader&apos;s id starts with tmr_.</source>
        <translation>«&#xa0;{value}&#xa0;» n’est pas un lecteur&#xa0;: l’identifiant d’un lecteur commence par tmr_.</translation>
    </message>
    <message>
        <source>Nothing is left to refund on this payment.</source>
        <translation>Il ne reste rien à rembourser sur ce paiement.</translation>
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
        <source>“{value}” is not a date: write it as YYYY-MM-DD (e.g. 2026-12-31).</source>
        <translation>«&#xa0;{value}&#xa0;» n’est pas une date&#xa0;: écrivez-la AAAA-MM-JJ (par ex. 2026-12-31).</translation>
    </message>
    <message>
        <source>No operation matches.</source>
        <translation>Aucune opération ne correspond.</translation>
    </message>
    <message>
        <source>Consent evidence for {customer} written to {path}</source>
        <translation>Preuve de consentement de {customer} écrite dans {path}</translation>
    </message>
    <message>
        <source>No customer matches “{text}”.</source>
        <translation>Aucun client ne correspond à «&#xa0;{text}&#xa0;».</translation>
    </message>
    <message>
        <source>If this is another person, repeat the command with --confirm-duplicate.</source>
        <translation>S’il s’agit d’une autre personne, relancez la commande avec --confirm-duplicate.</translation>
    </message>
    <message>
        <source>Customer created: {customer}</source>
        <translation>Client créé&#xa0;: {customer}</translation>
    </message>
    <message>
        <source>No reader is registered on this account.</source>
        <translation>Aucun lecteur n’est enregistré sur ce compte.</translation>
    </message>
    <message>
        <source>The customer {customer} has no saved card.</source>
        <translation>Le client {customer} n’a aucune carte enregistrée.</translation>
    </message>
    <message>
        <source>If the customer asked for a second payment, repeat the command with --confirm-duplicate.</source>
        <translation>Si le client a demandé un second paiement, relancez la commande avec --confirm-duplicate.</translation>
    </message>
    <message>
        <source>✓ Charged {amount} to {card}</source>
        <translation>✓ {amount} débité sur {card}</translation>
    </message>
    <message>
        <source>✓ Refunded {amount} ({status})</source>
        <translation>✓ {amount} remboursé ({status})</translation>
    </message>
    <message>
        <source>✓ Card removed: {card}. Its consent is recorded as withdrawn.</source>
        <translation>✓ Carte retirée&#xa0;: {card}. Son consentement est enregistré comme retiré.</translation>
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
        <source>The reader “{reader}” asks for the card: key in the number, expiry, CVC and postal code on the reader. Waited {seconds} s. (Ctrl+C cancels.)</source>
        <translation>Le lecteur «&#xa0;{reader}&#xa0;» demande la carte&#xa0;: saisissez le numéro, la date d’expiration, le CVC et le code postal sur le lecteur. Attente&#xa0;: {seconds} s. (Ctrl+C annule.)</translation>
    </message>
    <message>
        <source>Canceling on the reader…</source>
        <translation>Annulation sur le lecteur…</translation>
    </message>
    <message>
        <source>Checking the result with Stripe…</source>
        <translation>Vérification du résultat auprès de Stripe…</translation>
    </message>
    <message>
        <source>Only Stripe&apos;s public test card numbers can be keyed here (for example 4242 4242 4242 4242).</source>
        <translation>Seuls les numéros de cartes de test publics de Stripe peuvent être saisis ici (par exemple 4242 4242 4242 4242).</translation>
    </message>
    <message>
        <source>Consent terms {version} ({language}), SHA-256 {sha}</source>
        <translation>Conditions de consentement {version} ({language}), SHA-256 {sha}</translation>
    </message>
    <message>
        <source>Canceling… the reader is told to stop.</source>
        <translation>Annulation… le lecteur reçoit l’ordre de s’arrêter.</translation>
    </message>
    <message>
        <source>✓ Card saved: {card}</source>
        <translation>✓ Carte enregistrée&#xa0;: {card}</translation>
    </message>
    <message>
        <source>The reader showed no result in time and was stopped. No card was saved; try again when the customer is ready.</source>
        <translation>Le lecteur n’a montré aucun résultat à temps et a été arrêté. Aucune carte n’a été enregistrée&#xa0;; réessayez quand le client est prêt.</translation>
    </message>
    <message>
        <source>Support bundle written to {path} ({size} bytes).</source>
        <translation>Dossier d’assistance écrit dans {path} ({size}&#xa0;octets).</translation>
    </message>
    <message>
        <source>This desk&apos;s consent ledger does not verify, so it was not brought into the shop&apos;s records. Run “moto-desk ledger verify” and ask your administrator to restore the desk&apos;s data from a backup.</source>
        <translation>Le registre des consentements de ce poste ne se vérifie pas&#xa0;: il n’a donc pas été versé dans les registres de la boutique. Lancez «&#xa0;moto-desk ledger verify&#xa0;» et demandez à votre administrateur de restaurer les données du poste depuis une sauvegarde.</translation>
    </message>
    <message>
        <source>The shop records address is not a PostgreSQL address moto-desk can read. Write it as postgresql://user@server:5432/database or service=NAME.</source>
        <translation>L’adresse des registres de la boutique n’est pas une adresse PostgreSQL que moto-desk sait lire. Écrivez-la sous la forme postgresql://utilisateur@serveur:5432/base ou service=NOM.</translation>
    </message>
    <message>
        <source>The shop&apos;s records at {where} are not set up for this version of moto-desk. Ask the shop&apos;s administrator to run “moto-desk records init” once.</source>
        <translation>Les registres de la boutique sur {where} ne sont pas préparés pour cette version de moto-desk. Demandez à l’administrateur de la boutique de lancer une fois «&#xa0;moto-desk records init&#xa0;».</translation>
    </message>
    <message>
        <source>The shop&apos;s records at {where} were set up by a newer version of moto-desk. Update moto-desk on this computer before using them.</source>
        <translation>Les registres de la boutique sur {where} ont été préparés par une version plus récente de moto-desk. Mettez moto-desk à jour sur cet ordinateur avant de les utiliser.</translation>
    </message>
    <message>
        <source>The records account may not set up the shop&apos;s records at {where}. Run “moto-desk records init” as the database&apos;s owner or an administrator.</source>
        <translation>Ce compte n’a pas le droit de préparer les registres de la boutique sur {where}. Lancez «&#xa0;moto-desk records init&#xa0;» en tant que propriétaire de la base ou administrateur.</translation>
    </message>
    <message>
        <source>Say which shop records to use: --records postgresql://user@server/database (or set MOTO_DESK_RECORDS).</source>
        <translation>Indiquez les registres de la boutique à utiliser&#xa0;: --records postgresql://utilisateur@serveur/base (ou définissez MOTO_DESK_RECORDS).</translation>
    </message>
    <message>
        <source>Leave the password out of the records address: the desk keeps the address in its settings file. Put the password in ~/.pgpass (or PGPASSFILE) instead.</source>
        <translation>Ne mettez pas le mot de passe dans l’adresse des registres&#xa0;: le poste garde cette adresse dans son fichier de réglages. Placez plutôt le mot de passe dans ~/.pgpass (ou PGPASSFILE).</translation>
    </message>
    <message>
        <source>moto-desk could not write its records in the middle of this operation. Do not try again by hand: moto-desk will ask Stripe what happened and record it as soon as its records can be written again.</source>
        <translation>moto-desk n’a pas pu écrire ses registres au milieu de cette opération. Ne la relancez pas vous-même&#xa0;: moto-desk demandera à Stripe ce qui s’est passé et l’enregistrera dès que ses registres pourront de nouveau être écrits.</translation>
    </message>
    <message>
        <source>This desk has consent terms of version {desk}, but the shop reads version {shop} to its customers. Update moto-desk on this computer before saving cards.</source>
        <translation>Ce poste a les conditions de consentement en version {desk}, mais la boutique lit la version {shop} à ses clients. Mettez moto-desk à jour sur cet ordinateur avant d’enregistrer des cartes.</translation>
    </message>
    <message>
        <source>Only the shop&apos;s owner may change settings, keys, live mode, clerk accounts and the shop&apos;s records.</source>
        <translation>Seul le propriétaire de la boutique peut modifier les réglages, les clés, le mode réel, les comptes des employés et les registres de la boutique.</translation>
    </message>
    <message>
        <source>A charge above {limit} needs a supervisor&apos;s approval.</source>
        <translation>Un paiement de plus de {limit} doit être approuvé par un superviseur.</translation>
    </message>
    <message>
        <source>A refund needs a supervisor&apos;s approval.</source>
        <translation>Un remboursement doit être approuvé par un superviseur.</translation>
    </message>
    <message>
        <source>A refund above {limit} needs a supervisor&apos;s approval.</source>
        <translation>Un remboursement de plus de {limit} doit être approuvé par un superviseur.</translation>
    </message>
    <message>
        <source>Charging a card again within minutes needs a supervisor&apos;s approval.</source>
        <translation>Débiter de nouveau une carte à quelques minutes d’intervalle doit être approuvé par un superviseur.</translation>
    </message>
    <message>
        <source>Clearing a reader another desk holds needs a supervisor&apos;s approval.</source>
        <translation>Libérer un lecteur tenu par un autre poste doit être approuvé par un superviseur.</translation>
    </message>
    <message>
        <source>Exporting consent evidence or the ledger needs a supervisor&apos;s approval.</source>
        <translation>Exporter les preuves de consentement ou le registre doit être approuvé par un superviseur.</translation>
    </message>
    <message>
        <source>{name} may not approve this: a supervisor or the owner must approve it.</source>
        <translation>{name} ne peut pas approuver ceci&#xa0;: un superviseur ou le propriétaire doit l’approuver.</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>Un code PIN compte de 4 à 8 chiffres.</translation>
    </message>
    <message>
        <source>A clerk&apos;s name is 1 to {limit} characters.</source>
        <translation>Le nom d’un employé compte de 1 à {limit} caractères.</translation>
    </message>
    <message>
        <source>No clerk is called “{name}”.</source>
        <translation>Aucun employé ne s’appelle «&#xa0;{name}&#xa0;».</translation>
    </message>
    <message>
        <source>{name}&apos;s account is disabled. Ask the shop&apos;s owner.</source>
        <translation>Le compte de {name} est désactivé. Adressez-vous au propriétaire de la boutique.</translation>
    </message>
    <message>
        <source>Too many wrong PINs for {name}. Wait {seconds} seconds, then try again.</source>
        <translation>Trop de codes PIN erronés pour {name}. Attendez {seconds}&#xa0;secondes, puis réessayez.</translation>
    </message>
    <message>
        <source>Wrong PIN for {name}. {left} more tries before a wait.</source>
        <translation>Code PIN erroné pour {name}. Encore {left}&#xa0;essais avant une attente.</translation>
    </message>
    <message>
        <source>Wrong PIN for {name}. Wait {seconds} seconds before the next try.</source>
        <translation>Code PIN erroné pour {name}. Attendez {seconds}&#xa0;secondes avant le prochain essai.</translation>
    </message>
    <message>
        <source>A clerk called “{name}” already exists.</source>
        <translation>Un employé nommé «&#xa0;{name}&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <source>The shop needs at least one active owner: add another owner first.</source>
        <translation>La boutique doit garder au moins un propriétaire actif&#xa0;: ajoutez d’abord un autre propriétaire.</translation>
    </message>
    <message>
        <source>This shop&apos;s clerks sign in before they work: sign in first (Ctrl+L in the window, --clerk on the command line).</source>
        <translation>Les employés de cette boutique se connectent avant de travailler&#xa0;: connectez-vous d’abord (Ctrl+L dans la fenêtre, --clerk en ligne de commande).</translation>
    </message>
    <message>
        <source>The first account must be the shop&apos;s owner (--role owner): only the owner may add the others.</source>
        <translation>Le premier compte doit être celui du propriétaire de la boutique (--role owner)&#xa0;: seul le propriétaire peut ajouter les autres.</translation>
    </message>
    <message>
        <source>Wrong PIN for {name}: in training, the PINs are shown.</source>
        <translation>Code PIN erroné pour {name}&#xa0;: en entraînement, les codes PIN sont affichés.</translation>
    </message>
    <message>
        <source>Only the shop&apos;s owner manages clerk accounts: give --clerk with the owner&apos;s name (the PIN from MOTO_DESK_PIN or typed when asked).</source>
        <translation>Seul le propriétaire de la boutique gère les comptes des employés&#xa0;: indiquez --clerk avec le nom du propriétaire (le code PIN dans MOTO_DESK_PIN ou saisi à la demande).</translation>
    </message>
    <message>
        <source>✓ {name} can sign in as {role}.</source>
        <translation>✓ {name} peut se connecter en tant que {role}.</translation>
    </message>
    <message>
        <source>A limit is an amount such as 500.00, or none.</source>
        <translation>Une limite est un montant comme 500.00, ou none.</translation>
    </message>
    <message>
        <source>The idle lock is 1 to 240 minutes.</source>
        <translation>Le verrouillage après inactivité est de 1 à 240&#xa0;minutes.</translation>
    </message>
    <message>
        <source>No PIN was given (the input ended).</source>
        <translation>Aucun code PIN n’a été donné (l’entrée est terminée).</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>Les deux codes PIN sont différents.</translation>
    </message>
    <message>
        <source>This shop&apos;s clerks sign in: give --clerk NAME (the PIN from MOTO_DESK_PIN or typed when asked).</source>
        <translation>Les employés de cette boutique se connectent&#xa0;: indiquez --clerk NOM (le code PIN dans MOTO_DESK_PIN ou saisi à la demande).</translation>
    </message>
</context>
</TS>
