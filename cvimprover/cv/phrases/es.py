"""Spanish: the analysis's and rewriter's phrases and every sentence the engine writes."""

from __future__ import annotations

import re

from cvimprover.cv.phrases import Phrases, WeakOpening

# Duty phrases that open a bullet where an action verb should. Each is one the rewriter
# replaces: "Responsable de diseñar X" -> "Diseñé X", "Participé en X" -> "Contribuí a X",
# "Tareas de gestión" -> "Asumí tareas de gestión" (the phrase stays: it names the work).
WEAK_OPENINGS = (
    WeakOpening("responsable de", "own", "Responsable de", verb_object="object"),
    WeakOpening("encargad[oa] de", "own", "Encargada de", verb_object="object"),
    WeakOpening("ayud[ée] (?:a|con|en)", "contribute", "Ayudé en"),
    WeakOpening("particip[ée] en", "contribute", "Participé en"),
    WeakOpening("colabor[ée] en", "contribute", "Colaboré en"),
    WeakOpening("tareas de", "own", "Tareas de", verb_object="object", keep=True),
    WeakOpening("funciones de", "own", "Funciones de", verb_object="object", keep=True),
)

FINDINGS = {
    "weak_opening": "Empieza con un verbo de acción en lugar de una fórmula pasiva.",
    "no_metric": "Añade un resultado medible (cifra, porcentaje, plazo).",
    "first_person": "Evita los pronombres en primera persona.",
    "passive_voice": "Usa la voz activa: di qué hiciste tú.",
    "long_bullet": "Acorta este punto a una o dos líneas.",
    "mixed_tense": "Mezcla de tiempos verbales en el mismo puesto.",
    "missing_section": "Falta la sección: {kind}.",
    "missing_contact": "Falta un dato de contacto: {name}.",
    "date_unparsed": "Fechas ausentes o ilegibles en este puesto.",
    "date_overlap": "Estas fechas se solapan; aclara si fueron puestos simultáneos.",
    "length_short": "El CV es breve para tu nivel de experiencia.",
    "length_long": "El CV es largo para tu nivel de experiencia; recorta.",
}

# One sentence per score part saying what it measures.
SCORE_HELP = {
    "keywords": "Cuántos de los términos clave de la oferta muestra tu CV (los obligatorios "
    "cuentan el doble); con la mitad se alcanza la puntuación completa.",
    "skills": "Si las herramientas y métodos de la oferta aparecen en tu lista de "
    "habilidades además de en tu experiencia.",
    "structure": "Si están las secciones habituales, tus datos de contacto y fechas legibles.",
    "impact": "Cuántos puntos muestran un resultado con cifras y empiezan con un verbo de acción.",
    "readability": "Puntos breves, un solo tiempo verbal por puesto, sin primera persona y una "
    "extensión acorde a tu experiencia.",
}


# One finding per kind, as a recruiter would write it: (one instance, several instances).
GROUPED = {
    "weak_opening": ("1 punto empieza con una fórmula de funciones; empieza con un verbo "
                     "de acción.",
                     "{n} puntos empiezan con una fórmula de funciones; empieza con verbos "
                     "de acción."),
    "no_metric": ("Solo {with} de {total} puntos muestran un resultado medible; añade "
                  "cifras (volumen, porcentaje, tiempo ahorrado) cuando las tengas.",) * 2,
    "first_person": ("1 punto usa la primera persona; quítala.",
                     "{n} puntos usan la primera persona; quítala."),
    "passive_voice": ("1 punto está en voz pasiva; di qué hiciste tú.",
                      "{n} puntos están en voz pasiva; di qué hiciste tú."),
    "long_bullet": ("1 punto es demasiado largo; acórtalo a una o dos líneas.",
                    "{n} puntos son demasiado largos; acórtalos a una o dos líneas."),
    "mixed_tense": ("1 puesto mezcla tiempos verbales; usa uno solo.",
                    "{n} puestos mezclan tiempos verbales; usa uno solo en cada uno."),
    "missing_section": ("Falta la sección: {items}.", "Faltan las secciones: {items}."),
    "missing_contact": ("Faltan datos de contacto: {items}.",) * 2,
    "date_unparsed": ("1 puesto tiene fechas ausentes o ilegibles.",
                      "{n} puestos tienen fechas ausentes o ilegibles."),
    "date_overlap": ("2 puestos se solapan en el tiempo; aclara si fueron simultáneos.",
                     "{n} pares de puestos se solapan; aclara si fueron simultáneos."),
}  # fmt: skip


# The summary's opening, built only from the CV's facts and the questionnaire: sentence
# frames, each used only when all its slots have a value.
SUMMARY = {
    "title_orgs": "{title} con experiencia en {orgs}",
    "title": "{title} con experiencia",
    "orgs": "Profesional con experiencia en {orgs}",
    "bringing": "Aporta {skills} a un puesto de {position}{industry}.",
    "skilled": "Domina {skills}.",
    "seeking": "Busca un puesto de {position}{industry}.",
    "industry": " en el sector {industry}",
    "years": "{title} con {years} años de experiencia",
    "numbers": [
        "cero",
        "un",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
        "once",
        "doce",
        "trece",
        "catorce",
        "quince",
        "dieciséis",
        "diecisiete",
        "dieciocho",
        "diecinueve",
        "veinte",
    ],
    "more_than": "más de {n}",
    "and": " y ",
    "at": " en ",
}


# The cover letter. Slots: {term} (the requirement, as the ad spells it), {where} ("at
# Acme"), {fact} (the CV line, verb-led, first letter lowered), {line} (the CV line as
# written, after a colon). Each frame is used at most once in a letter.
LETTER = {
    "greeting": "Estimado equipo de selección:",
    "greeting_person": "Estimado/a {person}:",
    "apply_company": "Les escribo para presentar mi candidatura al puesto de {position} "
    "en {company}.",
    "apply": "Les escribo para presentar mi candidatura al puesto de {position}.",
    "who_newest": "Soy {title} con {years} años de experiencia, la más reciente en {org}.",
    "who_newest_short": "Soy {title}, con mi experiencia más reciente en {org}.",
    "who_years": "Tengo {years} años de experiencia, entre ellos como {title}{at}.",
    "who": "He trabajado como {title}{at}.",
    "at": " en {org}",
    # A job title is lowered mid-sentence ("Soy desarrollador de software").
    "title_lowered": True,
    "worked_at": "He trabajado en {orgs}.",
    "worked_also": "También he trabajado en {orgs}.",
    "fit": "Estos son los puntos de la oferta en los que mi trayectoria responde mejor.",
    "verb_frames": [
        "La oferta pide {term}: {where}, {fact}.",
        "En cuanto a {term}, {where}, {fact}.",
        "Mi experiencia en {term} es concreta: {where}, {fact}.",
        "Sobre {term}, puedo citar mi etapa {where}, donde {fact}.",
    ],
    "line_frames": [
        "La oferta pide {term}, y mi trabajo {where} lo muestra: {line}.",
        "En cuanto a {term}, una línea de mi etapa {where}: {line}.",
        "Mi experiencia en {term} {where} incluye esto: {line}.",
        "Sobre {term}, puedo citar mi trabajo {where}: {line}.",
    ],
    "follow_term_verb": [
        "Ese mismo puesto exigía también {term}: {fact}.",
        "También supuso {term}: {fact}.",
        "Requería además {term}: {fact}.",
    ],
    "follow_term_line": [
        "Ese mismo puesto exigía también {term}: {line}.",
        "También supuso {term}: {line}.",
        "Requería además {term}: {line}.",
    ],
    "follow_verb": [
        "Allí, además, {fact}.",
        "En ese puesto también {fact}.",
        "Junto a ello, {fact}.",
        "Además, {fact}.",
    ],
    "follow_line": [
        "Allí me ocupé también de esto: {line}.",
        "Del mismo puesto: {line}.",
        "Ese puesto incluyó también esto: {line}.",
        "También de esa etapa: {line}.",
    ],
    "follow_other_verb": ["{where}, además, {fact}.", "{where}, {fact}."],
    "follow_other_line": [
        "{where}, mi trabajo incluyó esto: {line}.",
        "{where}, mi trabajo abarcó esto: {line}.",
    ],
    "result_frames": [
        "Un resultado que aportaría: {where}, {fact}.",
        "Otro resultado: {where}, {fact}.",
    ],
    "result_lines": [
        "Un resultado de mi etapa {where}: {line}.",
        "Otro resultado, de mi trabajo {where}: {line}.",
    ],
    "record_frames": [
        "Mi etapa {where} suma a esto: {fact}.",
        "De mi trabajo {where} puedo añadir que {fact}.",
    ],
    "record_lines": [
        "Mi etapa {where} suma a esto: {line}.",
        "De mi trabajo {where}: {line}.",
    ],
    "lead_frame": "Lo primero que aportaría: {where}, {fact}.",
    "lead_line": "Lo primero que aportaría, de mi etapa {where}: {line}.",
    "where_org": "en {org}",
    "where_title": "como {title}",
    "where_none": "en mi último puesto",
    "where_project": "en mi proyecto {name}",
    "where_again": "en ese mismo puesto",
    "tools_first": "En {org} trabajé con {items}",
    "tools_more": "en {org}, con {items}",
    "also": "Mi CV recoge además {items}, que la oferta menciona.",
    "education": "En formación, cuento con el título de {degree}{school}.",
    "school": " ({org})",
    "why": "Lo que la oferta pide en {terms} es donde mi trayectoria es más sólida.",
    "based": "Vivo en {location}",
    "start": {
        "immediate": "puedo incorporarme de inmediato",
        "1-3 months": "podría incorporarme en un plazo de uno a tres meses",
        "3-6 months": "podría incorporarme en un plazo de tres a seis meses",
        "6+ months": "planeo el cambio para dentro de seis meses o más",
    },
    "based_start": "{based} y {start}.",
    "start_only": "{Start}.",
    "close_company": "Me gustaría conversar sobre cómo esta experiencia puede ayudar a {company}.",
    "close": "Me gustaría conversar sobre cómo esta experiencia puede ayudar a su equipo.",
    "thanks": "Gracias por considerar mi candidatura.",
    "sign_off": "Atentamente,",
}

PHRASES = Phrases(
    code="es",
    weak_openings=WEAK_OPENINGS,
    weak_lead_in=r"(?:(?:yo|fui|era)\s+)?",
    # Case matters: Spanish CVs mix in English words ("me", "my"), and a capital "Mi" or "Yo"
    # opens a heading or a name more often than a bullet.
    first_person=re.compile(r"\b(?:I|me|my|mine|we|our|yo|mi|mis|nosotros|nuestro|nuestra)\b"),
    metric_words=("dos", "tres", "cuatro", "cinco", "diez"),
    passive_auxiliaries=("fue", "fueron", "ha sido", "han sido"),
    passive_adverb="",
    passive_participles=(r"\w+ad[oa]s?", r"\w+id[oa]s?"),
    # verbs.txt gives a Spanish verb as: infinitive | past (yo) | present (yo)
    tense_forms={"past": (1,), "present": (2,)},
    past_suffixes=(),
    object_form=0,
    bare_form=None,
    gerund_form=None,
    # A preterite ("lideré", "creó", "impartí"), a gerund or an infinitive ("Gestionar").
    action_ending=r"\w{2,}(?:é|ó|í|ando|iendo)|\w{3,}(?:ar|er|ir)",
    action_nouns=r"desarrollo|diseño|análisis|gestión|administración|creación|implementación|"
    r"automatización|coordinación|mantenimiento|instalación|configuración|investigación|"
    r"planificación|planeación|elaboración|realización|supervisión|dirección|atención|"
    r"asesoría|apoyo|soporte|seguimiento|control|auditoría|ventas?|organización|formación|"
    r"docencia|programación|migración|optimización|integración|evaluación|preparación|"
    r"redacción|traducción|capacitación|participación|colaboración|minería|representación|"
    r"visualización|liderazgo|despliegue|montaje|recopilación|labores|tareas|funciones|"
    # What the person was in the work: "Programador y creador de una plataforma ..."
    r"programador[a]?|creador[a]?|profesor[a]?|instructor[a]?|administrador[a]?|"
    r"fundador[a]?|cofundador[a]?|docente",
    action_object=r"de|del|con|para|en|usando|mediante|a",
    contractions=((r"\ba el\b", "al"),),
    pronoun_start=re.compile(r"^(?:Yo|Nosotros|Nosotras)\s+", re.IGNORECASE),
    summary_pronoun=re.compile(r"^(?:Yo\s+)?(?:soy|Somos)\s+(?:una?\s+)?", re.IGNORECASE),
    weak_verbs={
        "own": ("Asumí", "Asumo"),
        "contribute": ("Contribuí a", "Contribuyo a"),
    },
    score_help=SCORE_HELP,
    findings=FINDINGS,
    grouped=GROUPED,
    headings={"skills": "Habilidades", "summary": "Perfil profesional"},
    summary=SUMMARY,
    letter=LETTER,
)
