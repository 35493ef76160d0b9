"""The window's language: chosen in Settings (or the system's), applied through Qt translators."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from alliance_app.resources import resource_path

QM_FILES = {"zh": "alliance_zh_CN.qm", "en": "alliance_en.qm"}
QT_LOCALES = {"zh": "zh_CN", "en": "en"}
# Strings Qt's own zh_CN catalogue leaves in English (the file dialog's labels): translated in ours instead.
# Qt asks its own catalogue first; an untranslated entry there falls through to ours.
QT_CATALOGUE_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def system_language() -> str:
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def window_language() -> str:
    """The language the window is shown in now: Translators.apply() sets the default locale with the catalogue."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def resolve_language(setting: str, requested: str | None) -> str:
    """The settings' explicit choice wins; "auto" follows the command line (--lang / locale), then the system."""
    if setting in ("zh", "en"):
        return setting
    if requested in ("zh", "en"):
        return requested
    return system_language()


class Translators:
    """Our catalogue plus Qt's own (standard buttons such as Yes/No), swapped together on a language change."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []

    def apply(self, lang: str) -> bool:
        """Installs the catalogues for `lang`; False if ours is missing (the window then shows its source text)."""
        self.remove()
        # Calendars, month names and number formats follow the window's language, not the machine's.
        QLocale.setDefault(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China)
            if lang == "zh"
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        )
        ours = QTranslator()
        loaded = ours.load(str(resource_path("translations", QM_FILES[lang])))
        if loaded:
            QCoreApplication.installTranslator(ours)
            self._installed.append(ours)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_catalogue = QTranslator()
        if lang != "en" and qt_catalogue.load(f"qtbase_{QT_LOCALES[lang]}", qt_dir):
            QCoreApplication.installTranslator(qt_catalogue)
            self._installed.append(qt_catalogue)
        return loaded

    def remove(self) -> None:
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed = []
