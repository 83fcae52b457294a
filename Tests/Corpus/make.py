#!/usr/bin/env python3
"""Builds the import corpus: CCTPs written the way agents write them, in Word (python-docx) and in LibreOffice
(a flat ODT converted by soffice --headless to .odt and .docx). Run through scripts/make-corpus.

Usage: make.py OUTDIR [CASE...]   (no case: all of them)
"""
import base64
import os
import struct
import subprocess
import sys
import tempfile
import zlib
from xml.sax.saxutils import escape

# --------------------------------------------------------------------------------------------------------------
# Word, through python-docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def word_document():
    import docx

    return docx.Document()


def xml(fragment):
    from docx.oxml import parse_xml

    return parse_xml(fragment)


def add_numbering(document, abstract_id, num_id, levels, overrides=None):
    """An abstractNum (levels: list of dicts start/fmt/text/style/restart/legal) and its num."""
    numbering = document.part.numbering_part.element
    lvls = []
    for n, level in enumerate(levels):
        parts = ['<w:start w:val="%d"/>' % level.get("start", 1), '<w:numFmt w:val="%s"/>' % level.get("fmt", "decimal")]
        if "restart" in level:
            parts.append('<w:lvlRestart w:val="%d"/>' % level["restart"])
        if "style" in level:
            parts.append('<w:pStyle w:val="%s"/>' % level["style"])
        if level.get("legal"):
            parts.append("<w:isLgl/>")
        parts.append('<w:lvlText w:val="%s"/>' % escape(level["text"], {'"': "&quot;"}))
        parts.append('<w:lvlJc w:val="left"/>')
        lvls.append('<w:lvl w:ilvl="%d">%s</w:lvl>' % (n, "".join(parts)))
    abstract = xml('<w:abstractNum xmlns:w="%s" w:abstractNumId="%d"><w:multiLevelType w:val="multilevel"/>%s</w:abstractNum>'
                   % (W, abstract_id, "".join(lvls)))
    # abstractNums come before nums.
    first_num = numbering.find("{%s}num" % W)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    body = '<w:abstractNumId w:val="%d"/>' % abstract_id
    for ilvl, start in (overrides or {}).items():
        body += '<w:lvlOverride w:ilvl="%d"><w:startOverride w:val="%d"/></w:lvlOverride>' % (ilvl, start)
    numbering.append(xml('<w:num xmlns:w="%s" w:numId="%d">%s</w:num>' % (W, num_id, body)))


def number_style(document, name, num_id, ilvl):
    style = document.styles[name]
    ppr = style.element.get_or_add_pPr()
    ppr.insert(0, xml('<w:numPr xmlns:w="%s"><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (W, ilvl, num_id)))


def number_paragraph(paragraph, num_id, ilvl):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, xml('<w:numPr xmlns:w="%s"><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (W, ilvl, num_id)))


def bold(document, text, style=None):
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(text).bold = True
    return paragraph


def paragraph_style(document, name, based_on=None):
    from docx.enum.style import WD_STYLE_TYPE

    try:
        return document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if based_on:
            style.base_style = document.styles[based_on]
        return style


def toc_field(document, entries):
    """Word's table of contents: a TOC field whose result is TOC-styled entries linking to _Toc bookmarks."""
    paragraph_style(document, "toc 1")
    paragraph_style(document, "toc 2")
    document.add_paragraph("Table des matières", style="TOC Heading")
    for n, (level, text, page) in enumerate(entries):
        p = document.add_paragraph(style="toc %d" % level)
        runs = ""
        if n == 0:
            runs += ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
                     '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        runs += ('<w:hyperlink w:anchor="_Toc%d" w:history="1"><w:r><w:t xml:space="preserve">%s</w:t></w:r><w:r><w:tab/></w:r>'
                 '<w:r><w:t>%d</w:t></w:r></w:hyperlink>' % (1000 + n, escape(text), page))
        if n == len(entries) - 1:
            runs += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        for element in list(xml('<w:p xmlns:w="%s">%s</w:p>' % (W, runs))):
            p._p.append(element)


def cover(document, lines):
    document.add_paragraph(lines[0], style="Title")
    for line in lines[1:]:
        document.add_paragraph(line)


def word_numerotation_auto(path):
    """Heading styles with Word's multilevel numbering ("ARTICLE %1 –", "%1.%2.", "%1.%2.%3."), a style based on
    Heading 2 that inherits it, a numbered list in the body (not clauses), and Word's TOC field."""
    d = word_document()
    cover(d, ["CAHIER DES CLAUSES TECHNIQUES PARTICULIÈRES", "Communauté de communes du Val d'Orvenne",
              "Marché de maintenance des installations de chauffage, ventilation et climatisation", "Janvier 2027"])
    add_numbering(d, 10, 10, [
        {"text": "ARTICLE %1 –", "style": "Heading1"},
        {"text": "%1.%2.", "style": "Heading2"},
        {"text": "%1.%2.%3.", "style": "Heading3"},
    ])
    add_numbering(d, 11, 11, [{"text": "%1)", "fmt": "lowerLetter"}, {"text": "%2.", "fmt": "lowerRoman"}])
    number_style(d, "Heading 1", 10, 0)
    number_style(d, "Heading 2", 10, 1)
    number_style(d, "Heading 3", 10, 2)
    # As the agent does in Word, so that «Table des matières» (based on Heading 1) is not «ARTICLE 1 –».
    number_style(d, "TOC Heading", 0, 0)
    paragraph_style(d, "Titre sous-article", based_on="Heading 2")
    toc_field(d, [(1, "OBJET ET ÉTENDUE DU MARCHÉ", 2), (2, "Objet du marché", 2), (2, "Sites concernés", 2),
                  (1, "PRESTATIONS ATTENDUES", 3), (2, "Maintenance préventive", 3), (2, "Maintenance corrective", 4),
                  (1, "EXÉCUTION DES PRESTATIONS", 5)])
    d.add_heading("OBJET ET ÉTENDUE DU MARCHÉ", 1)
    d.add_paragraph("Le présent cahier des clauses techniques particulières (CCTP) définit les prestations de maintenance "
                    "des installations de chauffage, ventilation et climatisation (CVC) des bâtiments communautaires.")
    d.add_heading("Objet du marché", 2)
    d.add_paragraph("Le marché comprend la conduite, l'entretien préventif et le dépannage des installations.")
    d.add_heading("Sites concernés", 2)
    d.add_paragraph("Les prestations portent sur les sites suivants :")
    for n, site in enumerate(["Siège communautaire, 2 rue de la Gare", "Piscine intercommunale", "Médiathèque"]):
        number_paragraph(d.add_paragraph(site, style="List Paragraph"), 11, 0)
    number_paragraph(d.add_paragraph("chaufferie gaz de 450 kW", style="List Paragraph"), 11, 1)
    d.add_heading("PRESTATIONS ATTENDUES", 1)
    d.add_paragraph("Le titulaire exécute les prestations selon les règles de l'art et la réglementation en vigueur.")
    d.add_paragraph("Maintenance préventive", style="Titre sous-article")
    d.add_paragraph("Les visites préventives ont lieu au moins quatre fois par an et donnent lieu à un compte rendu.")
    d.add_heading("Chaufferies", 3)
    d.add_paragraph("Le contrôle de la combustion est réalisé à chaque visite de la saison de chauffe.")
    d.add_heading("Centrales de traitement d'air", 3)
    d.add_paragraph("Les filtres sont remplacés selon la périodicité indiquée à l'annexe 2.")
    d.add_heading("Maintenance corrective", 2)
    d.add_paragraph("Le titulaire intervient dans un délai de quatre heures en cas de panne totale.")
    d.add_heading("EXÉCUTION DES PRESTATIONS", 1)
    d.add_paragraph("Le titulaire désigne un interlocuteur unique joignable aux heures ouvrées.")
    d.save(path)


def word_numerotation_restart(path):
    """Word's numbering with roman chapters and legal numbering below them (isLgl: "1.1" under "II"), a level
    restart and a list that restarts at 5 (startOverride)."""
    d = word_document()
    add_numbering(d, 20, 20, [
        {"text": "CHAPITRE %1 :", "fmt": "upperRoman", "style": "Heading1"},
        {"text": "%1.%2", "legal": True, "style": "Heading2"},
        {"text": "%3°)", "restart": 1, "style": "Heading3"},
    ])
    add_numbering(d, 21, 21, [{"text": "Article %1 -"}], overrides={0: 5})
    number_style(d, "Heading 1", 20, 0)
    number_style(d, "Heading 2", 20, 1)
    number_style(d, "Heading 3", 20, 2)
    d.add_heading("DISPOSITIONS GÉNÉRALES", 1)
    d.add_paragraph("Le présent document fixe les conditions techniques d'exécution du marché de nettoyage.")
    d.add_heading("Objet", 2)
    d.add_paragraph("Le marché porte sur le nettoyage des locaux administratifs de la commune.")
    d.add_heading("Locaux", 3)
    d.add_paragraph("Les surfaces à entretenir sont décrites à l'annexe 1.")
    d.add_heading("Horaires", 3)
    d.add_paragraph("Les prestations sont exécutées entre 6 h et 8 h ou après 18 h.")
    d.add_heading("PRESTATIONS", 1)
    d.add_paragraph("Les prestations sont de deux natures : courantes et périodiques.")
    d.add_heading("Prestations courantes", 2)
    d.add_paragraph("Vidage des corbeilles, dépoussiérage des bureaux, lavage des sols.")
    d.add_heading("Fréquences", 3)
    d.add_paragraph("Quotidienne pour les sanitaires, hebdomadaire pour les bureaux.")
    d.add_heading("Prestations périodiques", 2)
    d.add_paragraph("Lavage des vitres deux fois par an.")
    # The last articles continue a numbering the agent restarted at 5 in Word.
    for title, text in [("Produits", "Les produits sont porteurs de l'Écolabel européen."),
                        ("Contrôle qualité", "Un contrôle contradictoire est réalisé chaque mois.")]:
        h = d.add_heading(title, 2)
        number_paragraph(h, 21, 0)
        d.add_paragraph(text)
    d.save(path)


def word_sommaire_gras(path):
    """No heading styles: a typed SOMMAIRE with dot leaders and tabs, bold typed numbering, glued numbers."""
    d = word_document()
    bold(d, "MINISTÈRE DE L'INTÉRIEUR")
    bold(d, "CAHIER DES CLAUSES TECHNIQUES PARTICULIÈRES")
    d.add_paragraph("Tierce maintenance applicative du système d'information des préfectures")
    bold(d, "SOMMAIRE")
    for line in ["ARTICLE 1 – OBJET DU MARCHÉ ........................ 3", "1.1.TERMINOLOGIE\t3",
                 "1.2 Périmètre ........................ 4", "ARTICLE 2 – EXIGENCES TECHNIQUES ................ 5",
                 "2.1 Normes et standards\t5", "2.1.1.Standards Web\t6", "ARTICLE 3 – PÉNALITÉS\t7"]:
        d.add_paragraph(line)
    bold(d, "ARTICLE 1 – OBJET DU MARCHÉ")
    d.add_paragraph("Le présent marché a pour objet la tierce maintenance applicative (TMA) corrective, évolutive et "
                    "adaptative des applications listées en annexe.")
    bold(d, "1.1.TERMINOLOGIE")
    d.add_paragraph("Dans le présent document, « le titulaire » désigne l'entreprise retenue à l'issue de la consultation.")
    bold(d, "1.2 Périmètre")
    d.add_paragraph("Le périmètre couvre quatorze applications métier et leurs interfaces.")
    bold(d, "ARTICLE 2 – EXIGENCES TECHNIQUES")
    d.add_paragraph("Les développements respectent le référentiel général d'interopérabilité (RGI).")
    bold(d, "2.1 Normes et standards")
    d.add_paragraph("Le titulaire applique les normes en vigueur à la date de notification.")
    bold(d, "2.1.1.Standards Web")
    d.add_paragraph("Les pages respectent le référentiel général d'amélioration de l'accessibilité (RGAA).")
    bold(d, "ARTICLE 3 – PÉNALITÉS")
    d.add_paragraph("Tout retard dans la correction d'une anomalie bloquante donne lieu à une pénalité de 200 € par jour.")
    d.save(path)


def word_criteres(path):
    """Award criteria in the usual wordings, under bold typed articles, then trailing annexes."""
    d = word_document()
    bold(d, "ARTICLE 1 – OBJET")
    d.add_paragraph("Le marché porte sur la fourniture de repas en liaison froide pour la restauration scolaire.")
    bold(d, "ARTICLE 2 – QUALITÉ DES DENRÉES")
    d.add_paragraph("Au moins 50 % des produits sont durables et de qualité, dont 20 % issus de l'agriculture biologique.")
    bold(d, "ARTICLE 3 – CRITÈRES D'ATTRIBUTION")
    d.add_paragraph("Les offres sont jugées selon les critères pondérés suivants :")
    bold(d, "CRITERE 1 : VALEUR TECHNIQUE (60 % DE LA NOTE GLOBALE)")
    d.add_paragraph("Appréciée au vu du mémoire technique : qualité des menus, provenance des produits, plan de maîtrise sanitaire.")
    bold(d, "CRITERE 2 : PRIX DES PRESTATIONS (40 % DE LA NOTE GLOBALE)")
    d.add_paragraph("Apprécié au vu du bordereau des prix unitaires appliqué au détail quantitatif estimatif.")
    bold(d, "ANNEXES")
    for line in ["Annexe 1 : liste des sites de livraison", "Annexe 2 : effectifs prévisionnels"]:
        d.add_paragraph(line, style="List Bullet")
    d.save(path)


# --------------------------------------------------------------------------------------------------------------
# Real CCTPs of French public bodies: excerpts of the published text (article numbers and titles as published, a
# few paragraphs quoted, long bodies cut at «[…]»), laid out in Word the way the agent's file would be. The
# published texts are PDFs transcribed by docplayer.fr and 123dok.net: where the transcription lost an apostrophe
# («d un») or a ligature («réglementa ons»), it is restored; nothing else is changed. Sources in README.md.


def reel_montferrier_restauration(path):
    """Mairie de Montferrier-sur-Lez (Hérault), CCTP «Fourniture de repas en liaison froide», procédure adaptée
    under décret n° 2021-357 (2021–2022), https://123dok.net/document/z3d2ngdd-march%C3%A9-restauration-collective-march%C3%A9-prestations-services-techniques-particuli%C3%A8res.html
    Article 1 as published: «Article 1 - OBJET DU MARCHÉ», then sub-articles numbered «1 -», «2 -», «3 -» (the
    sub-number alone), made here with Word's multilevel numbering on the heading styles («Article %1 -», «%2 -»)."""
    d = word_document()
    for line in ["MARCHÉ DE RESTAURATION COLLECTIVE", "Marché public de prestations de services à bons de commande"]:
        bold(d, line)
    d.add_paragraph("CAHIER DES CLAUSES TECHNIQUES PARTICULIÈRES", style="Title")
    d.add_paragraph("(C.C.T.P.)")
    d.add_paragraph("Personne publique : Mairie de Montferrier sur Lez")
    d.add_paragraph("4 Impasse du Château 34980 Montferrier sur Lez")
    d.add_paragraph("Objet de la consultation :")
    bold(d, "FOURNITURE DE REPAS EN LIAISON FROIDE")
    d.add_paragraph("Etablie en application du décret n° 2021-357 du 30 mars 2021 portant diverses dispositions en matière "
                    "de commande publique")
    d.add_paragraph("La procédure de consultation utilisée est la suivante : Procédure adaptée")
    add_numbering(d, 30, 30, [{"text": "Article %1 -", "style": "Heading1"}, {"text": "%2 -", "style": "Heading2"}])
    number_style(d, "Heading 1", 30, 0)
    number_style(d, "Heading 2", 30, 1)
    d.add_heading("OBJET DU MARCHÉ", 1)
    d.add_heading("GÉNÉRALITÉS", 2)
    d.add_paragraph("Le titulaire s'engage à effectuer toutes les prestations nécessaires en vue du bon fonctionnement du "
                    "restaurant scolaire en liaison froide, pour les repas.")
    d.add_paragraph("Il assure :")
    for item in ["L’élaboration des menus,", "L’approvisionnement des denrées,", "La fabrication,", "Le conditionnement,",
                 "Le transport et la livraison,",
                 "Le déchargement des préparations culinaires sur les sites dans le strict respect des règles d'hygiène et "
                 "de contrôles microbiologiques en vigueur."]:
        d.add_paragraph(item, style="List Bullet")
    d.add_paragraph("Il respectera également l'ensemble des textes et autres réglementations en vigueur au moment où "
                    "s'effectueront les prestations.")
    d.add_heading("TYPES DE CONVIVES", 2)
    d.add_paragraph("Le restaurant scolaire sert :")
    for item in ["Les scolaires de 32 mois à 12 ans des écoles maternelles, élémentaires et ALSH",
                 "Les adultes : agents communaux et assimilés, personnel enseignant, les animateurs et toute autre "
                 "personne autorisés par la Mairie."]:
        d.add_paragraph(item, style="List Bullet")
    d.add_heading("SITE DE RESTAURATION", 2)
    d.add_paragraph("Le site pour la restauration scolaire se situe Chemin de la Qualité […]")
    d.save(path)


def reel_sailly_restauration(path):
    """Commune de Sailly-lez-Lannoy (Nord), CCTP «Fourniture de repas de cantine scolaire et d'accueils de loisirs
    d'été en liaison froide et mise à disposition de personnel», marché adapté (articles 28 et 30 du Code des marchés
    publics de 2006), http://docplayer.fr/33727404-Marche-adapte-objet-fourniture-de-repas-de-cantine-scolaire-et-d-accueils-de-loisirs-d-ete-en-liaison-froide-et-mise-a-disposition-de-personnel.html
    All the articles of its SOMMAIRE (typed, without page numbers), numbers typed in the heading styles
    («ARTICLE 1 OBJET…» with no separator, «1.1 Objet du marché»), and the three unnumbered parts of 5.2."""
    d = word_document()
    for line in ["Commune de Sailly-lez-Lannoy", "République Française", "Département du Nord", "Arrondissement de Lille",
                 "Canton de Lannoy"]:
        d.add_paragraph(line)
    bold(d, "MARCHE ADAPTE")
    d.add_paragraph("Objet : Fourniture de repas de cantine scolaire et d'accueils de loisirs d'été en liaison froide et "
                    "mise à disposition de personnel")
    bold(d, "C.C.T.P")
    d.add_paragraph("CAHIER DES CLAUSES TECHNIQUES PARTICULIERES", style="Title")
    articles = [
        (1, "ARTICLE 1 OBJET DU MARCHE ET DEFINITION DE LA PRESTATION"), (2, "1.1 Objet du marché"),
        (2, "1.2 Restauration scolaire"), (2, "1.3 Restauration ALSH"),
        (1, "ARTICLE 2 EXECUTION DU SERVICE PAR LE PRESTATAIRE"), (1, "ARTICLE 3 COMPOSITION DES MENUS"),
        (1, "ARTICLE 4 SPECIFICITES NUTRITIONNELLES ET CONTROLE"), (2, "4.1 Références générales"),
        (2, "4.2 Les denrées"), (2, "4.3 Particularités."), (1, "ARTICLE 5 LIVRAISON - PERSONNEL"),
        (2, "5.1 Livraison"), (2, "5.2 Personnel"), (3, "Recrutement et rémunération"), (3, "Prophylaxie"),
        (3, "Divers"), (1, "ARTICLE 6 GARANTIE - CONTROLE"), (1, "ARTICLE 7 LITIGES"),
    ]
    bold(d, "SOMMAIRE")
    for level, title in articles:
        d.add_paragraph(title)
    bold(d, "CARACTERISTIQUES GENERALES")
    for line in ["Lieu d'exécution des prestations : Ville de SAILLY LEZ LANNOY (59390)",
                 "Nature des prestations : Fourniture de repas de cantine scolaire et d'accueils de loisirs d'été en liaison "
                 "froide et mise à disposition du personnel",
                 "Marché à Procédure Adaptée selon les articles 28 et 30 du Code des Marchés publics.",
                 "Maîtrise d'ouvrage : Commune de Sailly Lez Lannoy 10 rue de la Mairie SAILLY LEZ LANNOY",
                 "Pouvoir adjudicateur : Monsieur le Maire de Sailly Lez Lannoy",
                 "Ordonnateur : Monsieur le Maire de Sailly Lez Lannoy",
                 "Comptable public assignataire des paiements : Monsieur le receveur Trésorerie de Lannoy"]:
        d.add_paragraph(line)
    for level, title in articles:
        d.add_heading(title, level)
    d.save(path)


def reel_gault_restauration(path):
    """Syndicat intercommunal de regroupement pédagogique du Gault-Saint-Denis (Eure-et-Loir), «Restauration
    scolaire – Cahier des charges» of a procédure adaptée (article 28 of the Code des marchés publics of 2006),
    http://docplayer.fr/1705673-Restauration-scolaire.html
    Its first five articles and their text as published, in bold typed numbering in the body style: «Article 1 :
    Objet», «5.1 Les pièces particulières» (the 5.2 text cut)."""
    d = word_document()
    for line in ["Syndicat Intercommunal de Regroupement Pédagogique", "8 Place de la Mairie", "LE GAULT SAINT DENIS"]:
        d.add_paragraph(line)
    bold(d, "RESTAURATION SCOLAIRE")
    bold(d, "CAHIER DES CHARGES")
    bold(d, "Article 1 : Objet")
    d.add_paragraph("Les stipulations du présent Cahier des Charges (C.D.C) concernent la fourniture de repas en liaison "
                    "froide au restaurant scolaire des écoles maternelle et primaire du GAULT SAINT DENIS, 15 RUE Jules Ferry.")
    d.add_paragraph("Ce C.D.C définit également les conditions de mise à disposition, de stockage et de remise en "
                    "température des aliments.")
    bold(d, "Article 2 : Mode de consultation")
    d.add_paragraph("Le marché est passé en vertu des dispositions des article 28 du nouveau Code des Marchés Publics. "
                    "(Procédure Adaptée).")
    bold(d, "Article 3 : Décomposition du marché en lot")
    d.add_paragraph("Le présent marché sans formalités préalables fait l'objet d'un lot unique.")
    d.add_paragraph("Il concerne les écoles maternelle et primaire du GAULT SAINT DENIS")
    bold(d, "Article 4 : Durée du marché")
    d.add_paragraph("Le présent marché est conclu pour une durée de un an à compter du 1er septembre […]")
    d.add_paragraph("Il pourra être reconduit deux fois de façon expresse.")
    d.add_paragraph("La durée maximale du marché est de 3 ans.")
    bold(d, "Article 5 : Documents contractuels")
    d.add_paragraph("Les pièces constitutives du marché sont les suivantes, par ordre de priorité : (seules les pièces "
                    "particulières sont à fournir à la signature du marché)")
    bold(d, "5.1 Les pièces particulières")
    for item in ["Contrat ayant valeur d'Acte d'Engagement, dont l'exemplaire original conservé dans les archives du maître "
                 "d'ouvrage fait seul foi,",
                 "Le présent Cahier des Charges (C.D.C.), daté et signé par le candidat dont l'exemplaire original conservé "
                 "dans les archives du maître d'ouvrage fait seul foi.",
                 "Le bordereau des prix-détail estimatif,",
                 "Le calibrage des portions unitaires (en grammes) à fournir par le restaurant prestataire."]:
        d.add_paragraph("- " + item)
    bold(d, "5.2 Pièces générales")
    d.add_paragraph("Les documents applicables sont ceux en vigueur au premier jour du mois d'établissement des prix […]")
    d.save(path)


# --------------------------------------------------------------------------------------------------------------
# LibreOffice, through a flat ODT converted by soffice

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Title" style:display-name="Title" style:family="paragraph"><style:text-properties fo:font-size="20pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:default-outline-level="3"/>
 <text:outline-style style:name="Outline">
  <text:outline-level-style text:level="1" style:num-format="1" style:num-prefix="ARTICLE " style:num-suffix=" –"/>
  <text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/>
  <text:outline-level-style text:level="3" style:num-format="1" text:display-levels="3"/>
 </text:outline-style>
 <text:list-style style:name="Puces">
  <text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
  <text:list-level-style-bullet text:level="2" text:bullet-char="–"/>
 </text:list-style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Gras" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="fr1" style:family="graphic"/>
</office:automatic-styles>
<office:body><office:text>
"""

FODT_TAIL = "</office:text></office:body></office:document>\n"


def h(level, text):
    return '<text:h text:style-name="Heading_20_%d" text:outline-level="%d">%s</text:h>\n' % (level, level, text)


def p(text, style="Standard"):
    return '<text:p text:style-name="%s">%s</text:p>\n' % (style, text)


def note(n, text):
    return ('<text:note text:id="ftn%d" text:note-class="footnote"><text:note-citation>%d</text:note-citation>'
            '<text:note-body><text:p>%s</text:p></text:note-body></text:note>' % (n, n, text))


def bullets(items):
    """Items: strings or (string, sub-items)."""
    out = '<text:list text:style-name="Puces">'
    for item in items:
        text, sub = (item, None) if isinstance(item, str) else item
        out += "<text:list-item><text:p>%s</text:p>%s</text:list-item>" % (text, bullets(sub) if sub else "")
    return out + "</text:list>\n"


def png(width=24, height=12):
    """A small blue rectangle, as PNG bytes."""
    raw = b"".join(b"\x00" + b"\x20\x60\xc0" * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def image():
    return ('<text:p text:style-name="Standard"><draw:frame draw:style-name="fr1" draw:name="Plan" text:anchor-type="as-char" '
            'svg:width="6cm" svg:height="3cm"><draw:image><office:binary-data>%s</office:binary-data></draw:image>'
            '</draw:frame></text:p>\n' % base64.b64encode(png()).decode())


def lo_contenu():
    """LibreOffice's outline numbering (ARTICLE 1 –, 1.1, 1.1.1) on heading styles, a cover, footnotes, nested
    lists, an image and a table."""
    body = p("CAHIER DES CLAUSES TECHNIQUES PARTICULIÈRES", "Title")
    body += p("Commune de Saint-Aubin-sur-Lys")
    body += p("Entretien des espaces verts communaux")
    body += h(1, "OBJET DU MARCHÉ")
    body += p("Le marché a pour objet l'entretien des espaces verts de la commune%s, hors cimetières." %
              note(1, "Les espaces verts sont recensés dans l'inventaire communal de 2026."))
    body += h(2, "Sites")
    body += p("Les sites concernés sont :")
    body += bullets(["Parc de la mairie", ("Écoles", ["École Jules-Ferry", "École des Tilleuls"]), "Stade municipal"])
    body += image()
    body += p("Plan de situation des sites.")
    body += h(2, "Durée")
    body += p("Le marché est conclu pour un an, reconductible trois fois.")
    body += h(1, "PRESTATIONS")
    body += p("Les prestations comprennent la tonte, la taille et le désherbage sans produits phytosanitaires%s." %
              note(2, "Loi n° 2014-110 du 6 février 2014, dite loi Labbé."))
    body += h(2, "Tonte")
    body += ('<table:table table:name="Frequences"><table:table-column table:number-columns-repeated="2"/>'
             "<table:table-row><table:table-cell><text:p>Site</text:p></table:table-cell><table:table-cell><text:p>Passages par an</text:p></table:table-cell></table:table-row>"
             "<table:table-row><table:table-cell><text:p>Parc de la mairie</text:p></table:table-cell><table:table-cell><text:p>18</text:p></table:table-cell></table:table-row>"
             "<table:table-row><table:table-cell><text:p>Stade municipal</text:p></table:table-cell><table:table-cell><text:p>24</text:p></table:table-cell></table:table-row>"
             "</table:table>\n")
    body += h(3, "Hauteur de coupe")
    body += p("La hauteur de coupe est de 6 cm au minimum.")
    body += h(2, "Taille des haies")
    body += p("Deux tailles par an, hors période de nidification (du 15 mars au 31 juillet).")
    return FODT_HEAD + body + FODT_TAIL


def lo_criteres():
    """Award criteria as a list of «Critère : N %» lines under a heading, in LibreOffice."""
    body = h(1, "OBJET")
    body += p("Le marché porte sur la maintenance de l'éclairage public de la commune.")
    body += h(1, "EXIGENCES TECHNIQUES")
    body += p("Les luminaires remplacés sont à LED et conformes à l'arrêté du 27 décembre 2018 sur les nuisances lumineuses.")
    body += h(1, "CRITÈRES D'ATTRIBUTION")
    body += p("Les offres sont jugées sur les critères suivants :")
    body += p("Valeur technique : 60 %")
    body += p("Prix : 40 %")
    return FODT_HEAD + body + FODT_TAIL


def soffice(source, out_dir, kind):
    run = subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", kind, "--outdir", out_dir, source],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    if run.returncode != 0:
        sys.exit("soffice failed on %s: %s" % (source, run.stderr.decode()))


WORD = {
    "word-numerotation-auto": word_numerotation_auto,
    "word-numerotation-reprise": word_numerotation_restart,
    "word-sommaire-gras": word_sommaire_gras,
    "word-criteres": word_criteres,
    "reel-montferrier-restauration": reel_montferrier_restauration,
    "reel-sailly-restauration": reel_sailly_restauration,
    "reel-gault-restauration": reel_gault_restauration,
}
# Word cases also saved as .odt by LibreOffice, as an agent who opens a Word template in LibreOffice does.
WORD_TO_ODT = ["word-numerotation-reprise", "reel-montferrier-restauration"]
LIBREOFFICE = {"lo-contenu": (lo_contenu, ["odt", "docx"]), "lo-criteres": (lo_criteres, ["odt"])}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    wanted = sys.argv[2:] or list(WORD) + list(LIBREOFFICE)
    os.makedirs(out, exist_ok=True)
    for name in wanted:
        if name in WORD:
            WORD[name](os.path.join(out, name + ".docx"))
            if name in WORD_TO_ODT:
                soffice(os.path.join(out, name + ".docx"), out, "odt")
        elif name in LIBREOFFICE:
            make, kinds = LIBREOFFICE[name]
            with tempfile.TemporaryDirectory() as scratch:
                source = os.path.join(scratch, name + ".fodt")
                with open(source, "w", encoding="utf-8") as f:
                    f.write(make())
                for kind in kinds:
                    soffice(source, out, kind)
        else:
            sys.exit("unknown case %s (known: %s)" % (name, ", ".join(list(WORD) + list(LIBREOFFICE))))
        print(name)


if __name__ == "__main__":
    main()
