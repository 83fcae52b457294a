/// The CCTP a new consultation starts from when no document is given: the usual sections (DOMAIN.md §2.3) and weighted criteria.
public enum Scaffold {
    public static func cctp(title: String, buyer: String) -> String {
        """
        # Article 1 — Objet du marché

        Le présent cahier des clauses techniques particulières (CCTP) définit les prestations attendues
        pour : \(title).

        Pouvoir adjudicateur : \(buyer).

        # Article 2 — Contexte et existant

        Décrire le site, les équipements ou services existants, les volumes et les contraintes connues.

        # Article 3 — Description des prestations

        Décrire les prestations attendues, le cas échéant par lot, tranche ou option.

        # Article 4 — Exigences techniques

        Exprimer les exigences en termes de performances ou de fonctionnalités. Toute norme citée
        s'entend « ou équivalent ».

        # Article 5 — Modalités d'exécution

        Délais, horaires, lieux d'exécution, moyens et personnel, sécurité.

        # Article 6 — Livrables et compte rendu

        Documents à remettre, fréquence et format des comptes rendus.

        # Article 7 — Qualité, contrôle et réception

        Modalités de vérification et d'admission des prestations.

        # Article 8 — Développement durable

        Clauses environnementales et sociales d'exécution.

        # Article 9 — Réversibilité

        Conditions de fin de marché et de transfert vers un nouveau titulaire.

        # Article 10 — Critères d'attribution

        Les offres sont jugées sur les critères pondérés suivants.

        ## Prix des prestations {.criterion weight=40}

        Apprécié sur la base du montant total du détail quantitatif estimatif.

        ## Valeur technique {.criterion weight=45}

        Appréciée au vu du mémoire technique : méthodologie, moyens, organisation.

        ## Performance environnementale {.criterion weight=15}

        Appréciée au vu des engagements environnementaux du candidat.

        """
    }
}
