#!/usr/bin/env bash
# The example dialogue, end to end, with the built jsf: an agent of the Préfecture du Bas-Rhin publishes a
# draft CCTP for the maintenance of its IT equipment, revises it and publishes the next draft; plain git
# then checks what jsf wrote. Usage: examples/dialogue.sh [WORKDIR] (a temporary folder by default).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jsf="${JSF:-jsf}"
work="${1:-}"
if [ -z "$work" ]; then work="$(mktemp -d)"; fi
mkdir -p "$work"
cd "$work"

# Everyone in this story is fixed: time, time zone, no global git identity.
export TZ=Europe/Paris GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
# The story is told in French; DEMO_LANG=C.UTF-8 tells it in English.
unset LC_ALL LC_MESSAGES
export LANG="${DEMO_LANG:-fr_FR.UTF-8}"
agent() { JSF_HOME="$work/identities/agent" "$jsf" "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

step "L'agent crée son identité / the agent creates an identity"
export JSF_NOW=2027-01-04T09:00:00+01:00
agent identity init --force --role agent --name "Claire Dupont" --organisation "Préfecture du Bas-Rhin"

step "Nouvelle consultation depuis un CCTP existant / a new consultation from an existing CCTP"
rm -rf consultation hub.git
agent init consultation --id maintenance-informatique-67 \
  --title "Maintenance du parc informatique de la préfecture du Bas-Rhin" \
  --buyer "Préfecture du Bas-Rhin" --cpv 50312000-5 --cpv 72611000-6 \
  --territory 67 --territory region:44 --estimated-amount 180000 \
  --from "$here/cctp/maintenance-informatique-prefecture.md" --hub hub.git
cd consultation
agent check
agent status

step "Publication de la v1 / publishing v1"
agent publish -m "Première version soumise au sourçage" --until 2027-01-22T17:00:00+01:00
agent log
agent clauses

step "L'agent révise le texte / the agent revises the text"
export JSF_NOW=2027-01-25T10:00:00+01:00
# Renumber nothing, retitle one clause, change a weight pair and add a clause: ids stay, the new one gets its own.
sed -i 's/^### 4.1 /### 4.1 /; s/{#valeur-technique .criterion weight=45}/{#valeur-technique .criterion weight=50}/; s/{#prix-des-prestations .criterion weight=40}/{#prix-des-prestations .criterion weight=35}/' cctp.md
cat >>cctp.md <<'MD'

# ARTICLE 11 — PROTECTION DES DONNÉES

Le titulaire agit en qualité de sous-traitant au sens de l'article 28 du RGPD. Les supports de stockage
remplacés sont effacés selon une méthode conforme aux recommandations de l'ANSSI, ou détruits, avec
remise d'un certificat.
MD
agent status
agent check
agent publish -m "Pondérations revues, article sur la protection des données" --until 2027-02-05T17:00:00+01:00
agent log
agent show protection-des-donnees

step "git est d'accord / plain git agrees"
git fsck --strict
git cat-file -t v2
git log --format='%h %an <%ae> %ad %s' --date=iso-strict
git --git-dir=../hub.git tag -l
step "Fini / done: $work/consultation"
