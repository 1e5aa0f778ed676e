"""Words a resume template prints that are not the user's data: section headings, "Present", dates.

Why: a Japanese resume with "EXPERIENCE" over its 職歴 and "Mar 2021 – Present" in its dates reads
like a machine translation. Jobber hands templates the headings and date words of the resume's
language (`sectionTitles`, `meta.dates`); a heading the user named in Reactive Resume wins.
Languages not listed get English headings and numeric dates (03/2021).
"""

from __future__ import annotations

from typing import Any

SECTION_KEYS = (
    "summary",
    "work",
    "projects",
    "skills",
    "education",
    "volunteer",
    "certificates",
    "awards",
    "publications",
    "languages",
    "interests",
    "references",
)
"""The built-in sections, in the default order (a resume's own order wins)."""

_T = {
    "en": "Summary|Experience|Projects|Skills|Education|Volunteering|Certifications|Awards|Publications|"
    "Languages|Interests|References",
    "de": "Profil|Berufserfahrung|Projekte|Kenntnisse|Ausbildung|Ehrenamt|Zertifikate|Auszeichnungen|"
    "Publikationen|Sprachen|Interessen|Referenzen",
    "fr": "Profil|Expérience professionnelle|Projets|Compétences|Formation|Bénévolat|Certifications|"
    "Distinctions|Publications|Langues|Centres d’intérêt|Références",
    "es": "Perfil|Experiencia|Proyectos|Habilidades|Formación|Voluntariado|Certificaciones|Premios|"
    "Publicaciones|Idiomas|Intereses|Referencias",
    "pt": "Perfil|Experiência|Projetos|Competências|Formação|Voluntariado|Certificações|Prémios|"
    "Publicações|Idiomas|Interesses|Referências",
    "it": "Profilo|Esperienza|Progetti|Competenze|Formazione|Volontariato|Certificazioni|Premi|"
    "Pubblicazioni|Lingue|Interessi|Referenze",
    "nl": "Profiel|Werkervaring|Projecten|Vaardigheden|Opleiding|Vrijwilligerswerk|Certificaten|"
    "Onderscheidingen|Publicaties|Talen|Interesses|Referenties",
    "pl": "Podsumowanie|Doświadczenie|Projekty|Umiejętności|Wykształcenie|Wolontariat|Certyfikaty|"
    "Nagrody|Publikacje|Języki|Zainteresowania|Referencje",
    "ru": "О себе|Опыт работы|Проекты|Навыки|Образование|Волонтёрство|Сертификаты|Награды|Публикации|"
    "Языки|Интересы|Рекомендации",
    "uk": "Про себе|Досвід роботи|Проєкти|Навички|Освіта|Волонтерство|Сертифікати|Нагороди|Публікації|"
    "Мови|Інтереси|Рекомендації",
    "el": "Προφίλ|Επαγγελματική εμπειρία|Έργα|Δεξιότητες|Εκπαίδευση|Εθελοντισμός|Πιστοποιήσεις|Βραβεία|"
    "Δημοσιεύσεις|Γλώσσες|Ενδιαφέροντα|Συστάσεις",
    "tr": "Özet|Deneyim|Projeler|Yetenekler|Eğitim|Gönüllülük|Sertifikalar|Ödüller|Yayınlar|Diller|"
    "İlgi alanları|Referanslar",
    "ar": "نبذة|الخبرة العملية|المشاريع|المهارات|التعليم|العمل التطوعي|الشهادات|الجوائز|المنشورات|اللغات|"
    "الاهتمامات|المراجع",
    "he": "תקציר|ניסיון תעסוקתי|פרויקטים|כישורים|השכלה|התנדבות|הסמכות|פרסים|פרסומים|שפות|תחומי עניין|ממליצים",
    "hi": "सारांश|कार्य अनुभव|परियोजनाएँ|कौशल|शिक्षा|स्वयंसेवा|प्रमाणपत्र|पुरस्कार|प्रकाशन|भाषाएँ|रुचियाँ|संदर्भ",
    "th": "สรุป|ประสบการณ์ทำงาน|โครงการ|ทักษะ|การศึกษา|งานอาสาสมัคร|ใบรับรอง|รางวัล|ผลงานตีพิมพ์|ภาษา|ความสนใจ|บุคคลอ้างอิง",
    "ja": "概要|職歴|プロジェクト|スキル|学歴|ボランティア|資格|受賞歴|出版物|語学|趣味・関心|推薦者",
    "zh-CN": "个人简介|工作经历|项目经历|专业技能|教育背景|志愿经历|证书|荣誉奖项|出版物|语言能力|兴趣爱好|推荐人",
    "zh-TW": "個人簡介|工作經歷|專案經歷|專業技能|教育背景|志工經歷|證照|榮譽獎項|出版品|語言能力|興趣|推薦人",
    "ko": "요약|경력|프로젝트|기술|학력|봉사 활동|자격증|수상|출판물|언어|관심 분야|추천인",
}
SECTION_TITLES: dict[str, dict[str, str]] = {
    lang: dict(zip(SECTION_KEYS, titles.split("|"), strict=True)) for lang, titles in _T.items()
}

PRESENT = {
    "en": "Present",
    "de": "heute",
    "fr": "aujourd’hui",
    "es": "actualidad",
    "pt": "atual",
    "it": "presente",
    "nl": "heden",
    "pl": "obecnie",
    "ru": "н. в.",
    "uk": "дотепер",
    "el": "σήμερα",
    "tr": "günümüz",
    "ar": "حتى الآن",
    "he": "היום",
    "hi": "वर्तमान",
    "th": "ปัจจุบัน",
    "ja": "現在",
    "zh": "至今",
    "ko": "현재",
}

_EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _key(lang: str, region: str | None) -> str:
    if lang == "zh":
        return "zh-TW" if region in ("TW", "HK", "MO") else "zh-CN"
    return lang


def section_titles(lang: str, region: str | None) -> dict[str, str]:
    return dict(SECTION_TITLES.get(_key(lang, region), SECTION_TITLES["en"]))


def date_words(lang: str) -> dict[str, Any]:
    """How a template writes "2021-03": `pattern` with {year} and {month} (a name from `months`)."""
    if lang in ("ja", "zh"):
        months, pattern = [f"{m}月" for m in range(1, 13)], "{year}年{month}"
    elif lang == "ko":
        months, pattern = [f"{m}월" for m in range(1, 13)], "{year}년 {month}"
    elif lang == "en":
        months, pattern = _EN_MONTHS, "{month} {year}"
    else:
        months, pattern = [f"{m:02d}" for m in range(1, 13)], "{month}/{year}"
    return {"present": PRESENT.get(lang, PRESENT["en"]), "months": months, "pattern": pattern}


def format_month(year: str, month: int, words: dict[str, Any]) -> str:
    return str(words["pattern"]).replace("{year}", year).replace("{month}", words["months"][month - 1])
