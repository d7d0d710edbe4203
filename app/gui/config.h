#pragma once

#include <QObject>
#include <QSettings>
#include <QVariant>

#include <memory>

namespace attn::gui {

// Every persistent setting of the app in one typed table: a key, its name in
// the settings file and its default. Nothing else in the app touches QSettings.
class Config : public QObject {
    Q_OBJECT
public:
    enum class Key {
        WindowGeometry,
        WindowState,
        RecentFiles,
        LastDirectory,
        Language,       // "" = follow the system locale
        FontScale,      // 1.0 = normal; presentation mode enlarges
        ColorGradient,  // heatmap gradient name
        ShowCellValues, // numbers in small heatmaps
        AutosaveMinutes,
        Threads, // engine threads, 0 = all cores
        Theme,   // "system", "light", "dark", "high-contrast" (ThemePalettes names)
    };
    Q_ENUM(Key)

    // The app's settings (QSettings' default location for the organisation/app name).
    static Config *instance();
    // A settings file of its own, for tests.
    explicit Config(const QString &iniPath, QObject *parent = nullptr);

    QVariant get(Key key) const;
    void set(Key key, const QVariant &value);
    // Restores the key's default.
    void reset(Key key);
    static QString name(Key key);
    static QVariant defaultValue(Key key);
    void sync();
    // Where the app keeps files of its own (the autosave): AppDataLocation for the app's
    // settings, the settings file's folder for a Config of its own (tests).
    QString dataDirectory() const { return m_dataDirectory; }

    static constexpr int maxRecentFiles = 10;

signals:
    void changed(Config::Key key);

private:
    Config();
    std::unique_ptr<QSettings> m_settings;
    QString m_dataDirectory;
};

} // namespace attn::gui
