#!/usr/bin/env bash
# The example dialogue, end to end, with the built jsf. The agent of the Préfecture du Bas-Rhin publishes a
# draft CCTP for the maintenance of its IT equipment and lists it in a catalogue; two companies of the
# territory discover it, clone it and react under pseudonyms, a third is not concerned; the agent answers,
# applies accepted alternatives and publishes v2; plain git then checks what jsf wrote.
# Usage: examples/dialogue.sh [WORKDIR] (a temporary folder by default).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jsf="${JSF:-jsf}"
work="${1:-}"
if [ -z "$work" ]; then work="$(mktemp -d)"; fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"
cd "$work"
rm -rf identities consultation hub.git catalogue.git alsace-info rhin-reseaux breizh-nettoyage pfra

# Everyone in this story is fixed: time zone, no global git identity. The story is told in French;
# DEMO_LANG=C.UTF-8 tells it in English.
export TZ=Europe/Paris GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
unset LC_ALL LC_MESSAGES
export LANG="${DEMO_LANG:-fr_FR.UTF-8}"
as() { local who="$1"; shift; JSF_HOME="$work/identities/$who" "$jsf" "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }
at() { export JSF_NOW="$1"; }

step "Identités / identities"
at 2027-01-04T09:00:00+01:00
as agent identity init --role agent --name "Claire Dupont" --organisation "Préfecture du Bas-Rhin"
as alsace identity init --role company --name "Alsace Info Services" --organisation "Alsace Info Services SARL" \
  --siret 73282932000074 --cpv 50300000-8 --departement 67 --email contact@alsace-info.example --website alsace-info.example
as rhin identity init --role company --name "Rhin Réseaux" --organisation "Rhin Réseaux SAS" \
  --cpv 72600000-6 --departement 68 --email bonjour@rhin-reseaux.example
as breizh identity init --role company --name "Breizh Nettoyage" --cpv 90919200-4 --departement 29
as pfra identity init --role buyer --name "Marc Lefebvre" --organisation "PFRA Grand Est"

step "L'agent crée la consultation / the agent creates the consultation"
git init -q --bare catalogue.git
as agent init consultation --id maintenance-informatique-67 \
  --title "Maintenance du parc informatique de la préfecture du Bas-Rhin" \
  --buyer "Préfecture du Bas-Rhin" --cpv 50312000-5 --cpv 72611000-6 \
  --territory 67 --territory region:44 --estimated-amount 180000 \
  --from "$here/cctp/maintenance-informatique-prefecture.md" --hub hub.git
as agent -C consultation check
# The PFRA buyer gives the agent their public signing key (only listed buyers may approve) and their encryption
# key (companies seal their identity to it: the buyer alone can open it, after approval).
as agent -C consultation consultation add-buyer --name "PFRA Grand Est" --key "$work/identities/pfra/signing_key.pub" \
  --encryption-key "$work/identities/pfra/encryption_key.pub" --no-push
as agent -C consultation publish -m "Première version soumise au sourçage" --until 2027-01-22T17:00:00+01:00 --catalogue ../catalogue.git

step "Les entreprises découvrent la consultation / companies discover it"
at 2027-01-05T10:00:00+01:00
as alsace discover catalogue.git
as breizh discover catalogue.git
as alsace clone hub.git alsace-info --agent-key "$work/identities/agent/signing_key.pub"   # the key discover printed
as rhin clone hub.git rhin-reseaux
as breizh clone hub.git breizh-nettoyage

step "Elles réagissent sous pseudonyme / they react under pseudonyms"
q=$(as alsace -C alsace-info propose niveaux-de-service --kind clarification --cost neutral \
  -m "Les délais d'intervention courent-ils à partir de l'appel au centre de services ou de l'enregistrement du ticket ?")
cat >"$work/horaires.md" <<'MD'
Les heures ouvrées sont fixées du lundi au vendredi, de 8 h 00 à 18 h 00, hors jours fériés. Les
interventions programmées susceptibles d'interrompre le service (coupure réseau, redémarrage de serveur)
ont lieu entre 12 h 00 et 14 h 00, ou à distance après 18 h 00, sur accord préalable du SIDSIC. Les
interventions à distance sont privilégiées chaque fois qu'elles ne requièrent pas de présence sur site.
MD
alt=$(as alsace -C alsace-info propose horaires --kind alternative --cost down --estimate "-6 % sur le forfait" \
  --text-file "$work/horaires.md" -m "Intervenir à distance hors heures ouvrées évite des déplacements de nuit coûteux sans dégrader le service.")
w=$(as rhin -C rhin-reseaux propose valeur-technique --kind alternative --cost neutral --weight 50 \
  -m "La qualité du support pèse plus que le prix sur ce type de marché ; 50 % sur la valeur technique.")
s=$(as rhin -C rhin-reseaux propose maintenance-preventive --kind solution --cost up \
  -m "Une supervision continue des équipements actifs (SNMP) détecterait les pannes avant les utilisateurs et espacerait les visites.")
# Covered by the secret des affaires: sealed to the agent and the PFRA buyer; the others see only that it exists.
conf=$(as rhin -C rhin-reseaux propose maintenance-preventive --kind solution --cost down --confidential \
  -m "Notre outil d'autodiagnostic des postes, développé en interne, remonte l'usure des disques et des batteries ; il réduirait d'un tiers les visites préventives.")
as breizh -C breizh-nettoyage propose objet --kind solution --cost down -m "Nous pouvons aussi nettoyer les postes." || true
as alsace -C alsace-info push
as rhin -C rhin-reseaux push

step "L'agent lit et répond / the agent reads and answers"
at 2027-01-12T14:00:00+01:00
as agent -C consultation fetch
as agent -C consultation inbox
as agent -C consultation show "$alt"
as agent -C consultation show "$conf"     # the agent opens the confidential proposal
as alsace -C alsace-info fetch
as alsace -C alsace-info show "$conf" || true   # another company sees only that it exists
as agent -C consultation comment "$q" --status answered \
  -m "Les délais courent à partir de l'enregistrement du ticket, horodaté par l'outil du titulaire."
as agent -C consultation comment "$alt" --status accepted -m "Proposition retenue pour la v2."
as agent -C consultation comment "$w" --status accepted -m "Pondération retenue."
as agent -C consultation comment "$s" --status noted -m "Sera examinée avec le mémoire technique."
as agent -C consultation comment "$conf" --status noted -m "Piste notée ; son contenu reste confidentiel."

step "Révision et v2 / revision and v2"
at 2027-01-25T10:00:00+01:00
as agent -C consultation revise --apply "$alt" --apply "$w"
as agent -C consultation diff
as agent -C consultation publish -m "Interventions à distance, valeur technique à 50 %" --until 2027-02-05T17:00:00+01:00 --catalogue ../catalogue.git
as agent -C consultation log
as agent -C consultation diff v1 v2

step "Les entreprises voient la réponse et la v2 / companies see the answer and v2"
at 2027-01-26T09:00:00+01:00
as rhin -C rhin-reseaux fetch
as rhin -C rhin-reseaux show "$q"
as alsace -C alsace-info fetch
as alsace -C alsace-info status

step "La PFRA approuve la v2 / the PFRA buyer approves v2"
at 2027-02-06T11:00:00+01:00
as pfra clone hub.git pfra
as pfra -C pfra approve -m "Texte conforme ; à publier sur PLACE avec le DCE."
as pfra -C pfra log

step "Le texte approuvé part en procédure / the approved text goes to the formal procedure"
as pfra -C pfra export final --format odt -o "$work/CCTP-maintenance-informatique-67.odt"
as pfra -C pfra export final --format docx -o "$work/CCTP-maintenance-informatique-67.docx"
as agent -C consultation fetch
as agent -C consultation report --html "$work/rapport-sourcage.html"
as agent -C consultation report --md "$work/rapport-sourcage.md"
as agent -C consultation report --md "$work/rapport-sourcage-interne.md" --audience internal   # with the confidential content

step "La PFRA sait qui a participé / the PFRA buyer learns who took part (R2111-2)"
as pfra -C pfra fetch
as pfra -C pfra participants
as pfra -C pfra participants --reveal    # after the approval only; recorded as a signed commit on published
as agent -C consultation participants --reveal || true   # the agent cannot open any identity

step "Chacun a signé ce qu'il a écrit / everyone signed what they wrote"
as agent -C consultation verify
as agent -C consultation allowed-signers -o "$work/allowed-signers"
git -C consultation -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$work/allowed-signers" tag -v v2
for ref in main dialogue published; do
  git --git-dir=hub.git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$work/allowed-signers" verify-commit "$ref"
done

step "Rien ne nomme les entreprises / nothing names the companies"
as alsace audit-anonymity --identity "$work/identities/alsace/identity.yml" --identity "$work/identities/rhin/identity.yml" hub.git

step "git est d'accord / plain git agrees"
git -C consultation fsck --strict
git --git-dir=hub.git fsck --strict
git --git-dir=hub.git for-each-ref --format='%(refname)'
git --git-dir=hub.git tag -l --format='%(refname:short): %(contents:subject)'
git --git-dir=hub.git log --format='%h %an <%ae> %ad %s' --date=iso-strict --all
git --git-dir=hub.git log --first-parent --format='%h %p %s' published
git --git-dir=hub.git cat-file -p final
step "Fini / done: $work"
