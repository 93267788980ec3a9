/** What the CLI prints. Pure functions, so the wording is tested once. */

export interface IngestOutcome {
  communiqueId: string;
  title: string;
  duplicate: boolean;
}

export function successLine(file: string, outcome: IngestOutcome): string {
  return `✓ ${file} → ${outcome.communiqueId} « ${oneLine(outcome.title)} » ${outcome.duplicate ? '(déjà reçu)' : '(nouveau)'}`;
}

export function failureLine(file: string, message: string): string {
  return `✗ ${file}: ${oneLine(message)}`;
}

export interface Tally {
  created: number;
  duplicates: number;
  failed: number;
}

/** "3 fichiers : 1 nouveau, 1 déjà reçu, 1 en échec". */
export function summaryLine({ created, duplicates, failed }: Tally): string {
  const total = created + duplicates + failed;
  return `${total} ${total > 1 ? 'fichiers' : 'fichier'} : ${created} ${created > 1 ? 'nouveaux' : 'nouveau'}, ${duplicates} déjà ${duplicates > 1 ? 'reçus' : 'reçu'}, ${failed} en échec`;
}

/**
 * The message of an error answer: `message` of the platform's `{ statusCode, message }` JSON (joined when
 * it is a list), else the start of the text, else the status.
 */
export function serverMessage(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    const message = Array.isArray(parsed.message) ? parsed.message.join(' ; ') : parsed.message;
    if (typeof message === 'string' && message.trim()) return message.trim();
  } catch {
    // not JSON
  }
  const text = oneLine(body.replace(/<[^>]*>/g, ' '));
  return text ? `${text.slice(0, 300)} (HTTP ${status})` : `HTTP ${status}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

export const MAIN_HELP = `newsroom — la ligne de commande de Newsroom

Usage :
  newsroom ingest [options] <fichier|liste d’adresses>...
                                           envoie des communiqués (fichiers ou pages web) au service d’ingestion
  newsroom ingest --help                   l’aide de cette commande
  newsroom extract <fichier>...            lit des communiqués (.txt, .html, .docx) en local, une ligne JSON par fichier
  newsroom --help                          cette aide
`;

export const INGEST_HELP = `Usage : newsroom ingest [--url URL] [--email EMAIL] [--concurrency N] <fichier|liste d’adresses>...

Envoie chaque fichier (texte brut .txt en UTF-8, page .html) au service d’ingestion, marqué source=cli,
et affiche une ligne par fichier, dans l’ordre des arguments, puis un bilan :
  ✓ <fichier> → <id> « <titre> » (nouveau)             reçu et annoncé à la rédaction
  ✓ <fichier> → <id> « <titre> » (déjà reçu)           déjà reçu : rien de nouveau
  ✗ <fichier>: <message du serveur>

Listes d’adresses : un fichier .urls ou .txt dont TOUTES les lignes non vides (hors commentaires #)
sont des adresses http(s) est une liste. Chaque page est téléchargée (15 s au plus, redirections
suivies, 5 Mo au plus, HTML ou texte brut seulement) puis envoyée comme un fichier, avec l’adresse
pour source ; la ligne du bilan porte l’adresse. Un .txt qui contient autre chose est un communiqué.

Options :
  --url URL          le serveur (sinon $NEWSROOM_URL, sinon ${'http://localhost:3000'})
  --email EMAIL      se connecter avec ce compte (sinon $NEWSROOM_EMAIL) ; le mot de passe vient
                     de $NEWSROOM_PASSWORD, ou est demandé sans écho dans un terminal
  --concurrency N    envois simultanés, de 1 à 8 (2 par défaut)
  -h, --help         cette aide

Pour plus d’un envoi, une barre de progression s’affiche sur la sortie d’erreur quand c’est un
terminal (rien dans un tube ou en CI).

Identification : $NEWSROOM_TOKEN (un jeton de session) s’il est défini et --email absent ;
sinon e-mail et mot de passe (POST /api/editorial/session).

Codes de sortie : 0 tous les fichiers reçus, 1 au moins un échec (ou connexion refusée),
2 erreur d’usage.
`;
