#include "loss/losshistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <array>
#include <charconv>
#include <cmath>

namespace attn {

namespace {

struct Column {
    const char *name;
    double LossPoint::*member;
};
constexpr std::array<Column, 5> valueColumns = {{{"loss", &LossPoint::loss},
                                                 {"val_loss", &LossPoint::valLoss},
                                                 {"lr", &LossPoint::lr},
                                                 {"grad_norm", &LossPoint::gradNorm},
                                                 {"accuracy", &LossPoint::accuracy}}};

// Shortest decimal that reads back as the same double; empty when not measured.
QString number(double v)
{
    if (!std::isfinite(v))
        return QString();
    char buf[40];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, res.ptr - buf);
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(error, LossHistory::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

} // namespace

QByteArray LossHistory::toCsv(const QVector<LossPoint> &points)
{
    QString out = QStringLiteral("step");
    for (const Column &c : valueColumns)
        out += QLatin1Char(',') + QLatin1String(c.name);
    out += QStringLiteral("\r\n");
    for (const LossPoint &p : points) {
        out += QString::number(p.step);
        for (const Column &c : valueColumns)
            out += QLatin1Char(',') + number(p.*(c.member));
        out += QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

QByteArray LossHistory::toJson(const QVector<LossPoint> &points)
{
    QJsonObject o;
    QJsonArray steps;
    for (const LossPoint &p : points)
        steps.append(p.step);
    o.insert(QStringLiteral("step"), steps);
    for (const Column &c : valueColumns) {
        QJsonArray values;
        for (const LossPoint &p : points) {
            const double v = p.*(c.member);
            values.append(std::isfinite(v) ? QJsonValue(number(v).toDouble()) : QJsonValue());
        }
        o.insert(QLatin1String(c.name), values);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

bool LossHistory::fromJson(const QByteArray &json, QVector<LossPoint> *points, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull())
        return fail(error,
                    tr("the loss history is not valid JSON (%1)").arg(parseError.errorString()));
    if (!doc.isObject())
        return fail(error, tr("the loss history is not a JSON object"));
    const QJsonObject o = doc.object();
    if (!o.value(QStringLiteral("step")).isArray() || !o.value(QStringLiteral("loss")).isArray())
        return fail(error, tr("the loss history has no \"step\" and \"loss\" arrays"));
    const QJsonArray steps = o.value(QStringLiteral("step")).toArray();
    constexpr qsizetype maxPoints = 10'000'000;
    if (steps.size() > maxPoints)
        return fail(error, tr("the loss history has more than %1 points").arg(maxPoints));
    QVector<LossPoint> out(steps.size());
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (!steps[i].isDouble())
            return fail(error, tr("the loss history's step %1 is not a number").arg(i));
        out[i].step = steps[i].toInt();
    }
    for (const Column &c : valueColumns) {
        const QJsonValue v = o.value(QLatin1String(c.name));
        if (v.isUndefined())
            continue;
        const QJsonArray values = v.toArray();
        if (!v.isArray() || values.size() != steps.size())
            return fail(error, tr("the loss history's \"%1\" is not an array of %2 values")
                                   .arg(QLatin1String(c.name))
                                   .arg(steps.size()));
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (values[i].isDouble())
                out[i].*(c.member) = values[i].toDouble();
            else if (!values[i].isNull())
                return fail(error, tr("the loss history's \"%1\" holds a value that is not a "
                                      "number")
                                       .arg(QLatin1String(c.name)));
        }
    }
    *points = std::move(out);
    return true;
}

bool LossHistory::saveCsv(const QVector<LossPoint> &points, const QString &path, QString *error)
{
    if (points.isEmpty())
        return fail(error, tr("Cannot save %1: no training steps are logged yet").arg(path));
    return writeAtomically(path, toCsv(points), error);
}

bool LossHistory::saveJson(const QVector<LossPoint> &points, const QString &path, QString *error)
{
    if (points.isEmpty())
        return fail(error, tr("Cannot save %1: no training steps are logged yet").arg(path));
    return writeAtomically(path, toJson(points), error);
}

} // namespace attn
