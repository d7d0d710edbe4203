#include "gui/config.h"

#include <QFileInfo>
#include <QStandardPaths>
#include <QStringList>

namespace attn::gui {

namespace {

struct Entry {
    Config::Key key;
    const char *name;
    QVariant defaultValue;
};

const Entry &entry(Config::Key key)
{
    // The table: one row per setting.
    static const Entry table[] = {
        {Config::Key::WindowGeometry, "window/geometry", QByteArray()},
        {Config::Key::WindowState, "window/state", QByteArray()},
        {Config::Key::RecentFiles, "files/recent", QStringList()},
        {Config::Key::LastDirectory, "files/lastDirectory", QString()},
        {Config::Key::Language, "ui/language", QString()},
        {Config::Key::FontScale, "ui/fontScale", 1.0},
        {Config::Key::ColorGradient, "views/gradient", QStringLiteral("viridis")},
        {Config::Key::ShowCellValues, "views/showCellValues", true},
        {Config::Key::AutosaveMinutes, "training/autosaveMinutes", 2},
        {Config::Key::Threads, "training/threads", 0},
        {Config::Key::Theme, "ui/theme", QStringLiteral("system")},
    };
    for (const Entry &e : table)
        if (e.key == key)
            return e;
    Q_UNREACHABLE();
}

} // namespace

Config::Config()
    : m_settings(std::make_unique<QSettings>()),
      m_dataDirectory(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
{
}

Config::Config(const QString &iniPath, QObject *parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat)),
      m_dataDirectory(QFileInfo(iniPath).absolutePath())
{
}

Config *Config::instance()
{
    static Config *config = new Config();
    return config;
}

QString Config::name(Key key)
{
    return QString::fromLatin1(entry(key).name);
}

QVariant Config::defaultValue(Key key)
{
    return entry(key).defaultValue;
}

QVariant Config::get(Key key) const
{
    const Entry &e = entry(key);
    QVariant v = m_settings->value(QString::fromLatin1(e.name), e.defaultValue);
    // A value of the wrong type (a hand-edited file) falls back to the default.
    if (e.defaultValue.isValid() && !v.canConvert(e.defaultValue.metaType()))
        return e.defaultValue;
    if (e.defaultValue.isValid())
        v.convert(e.defaultValue.metaType());
    return v;
}

void Config::set(Key key, const QVariant &value)
{
    if (get(key) == value)
        return;
    m_settings->setValue(name(key), value);
    emit changed(key);
}

void Config::reset(Key key)
{
    m_settings->remove(name(key));
    emit changed(key);
}

void Config::sync()
{
    m_settings->sync();
}

} // namespace attn::gui
