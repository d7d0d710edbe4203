#include "theme/colormaps.h"

#include <QCoreApplication>
#include <qcustomplot.h>

#include <cmath>
#include <iterator>
#include <vector>

namespace attn {

namespace {

struct Stop {
    double pos;
    QRgb rgb;
};

// Stops sampled from the published maps at tenths (matplotlib's viridis, cividis
// and magma; ColorBrewer's Blues); interpolated linearly in RGB in between.
const std::vector<Stop> &stops(GradientKind kind)
{
    static const std::vector<Stop> viridis = {{0.0, 0x440154}, {0.1, 0x482475}, {0.2, 0x414487},
                                              {0.3, 0x355f8d}, {0.4, 0x2a788e}, {0.5, 0x21918c},
                                              {0.6, 0x22a884}, {0.7, 0x44bf70}, {0.8, 0x7ad151},
                                              {0.9, 0xbddf26}, {1.0, 0xfde725}};
    static const std::vector<Stop> cividis = {{0.0, 0x00224e}, {0.1, 0x123570}, {0.2, 0x3b496c},
                                              {0.3, 0x575d6d}, {0.4, 0x707173}, {0.5, 0x8a8779},
                                              {0.6, 0xa69d75}, {0.7, 0xc4b56c}, {0.8, 0xe4cf5b},
                                              {0.9, 0xf6e14a}, {1.0, 0xfee838}};
    static const std::vector<Stop> magma = {{0.0, 0x000004}, {0.1, 0x140e36}, {0.2, 0x3b0f70},
                                            {0.3, 0x641a80}, {0.4, 0x8c2981}, {0.5, 0xb73779},
                                            {0.6, 0xde4968}, {0.7, 0xf7705c}, {0.8, 0xfe9f6d},
                                            {0.9, 0xfecf92}, {1.0, 0xfcfdbf}};
    static const std::vector<Stop> blues = {{0.0, 0xf7fbff},   {0.125, 0xdeebf7}, {0.25, 0xc6dbef},
                                            {0.375, 0x9ecae1}, {0.5, 0x6baed6},   {0.625, 0x4292c6},
                                            {0.75, 0x2171b5},  {0.875, 0x08519c}, {1.0, 0x08306b}};
    switch (kind) {
    case GradientKind::Cividis:
        return cividis;
    case GradientKind::Magma:
        return magma;
    case GradientKind::Blues:
        return blues;
    case GradientKind::Viridis:
        break;
    }
    return viridis;
}

QRgb interpolate(const std::vector<Stop> &s, double t)
{
    if (!(t > 0.0)) // also NaN
        return s.front().rgb;
    if (t >= 1.0)
        return s.back().rgb;
    std::size_t i = 1;
    while (i + 1 < s.size() && s[i].pos < t)
        ++i;
    const double f = (t - s[i - 1].pos) / (s[i].pos - s[i - 1].pos);
    auto mix = [f](int a, int b) { return static_cast<int>(a + (b - a) * f + 0.5); };
    const QRgb a = s[i - 1].rgb, b = s[i].rgb;
    return qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
}

} // namespace

QVector<GradientKind> ColorMaps::all()
{
    return {GradientKind::Viridis, GradientKind::Cividis, GradientKind::Magma, GradientKind::Blues};
}

QString ColorMaps::name(GradientKind kind)
{
    switch (kind) {
    case GradientKind::Viridis:
        return QCoreApplication::translate("attn::ColorMaps", "Viridis");
    case GradientKind::Cividis:
        return QCoreApplication::translate("attn::ColorMaps", "Cividis (colour-blind safe)");
    case GradientKind::Magma:
        return QCoreApplication::translate("attn::ColorMaps", "Magma");
    case GradientKind::Blues:
        return QCoreApplication::translate("attn::ColorMaps", "Blues (print)");
    }
    return {};
}

QCPColorGradient ColorMaps::gradient(GradientKind kind)
{
    QCPColorGradient g;
    g.clearColorStops();
    for (const Stop &s : stops(kind))
        g.setColorStopAt(s.pos, QColor::fromRgb(s.rgb));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    // A NaN weight (a diverged run) shows as mid grey rather than as a valid colour.
    g.setNanHandling(QCPColorGradient::nhNanColor);
    g.setNanColor(QColor(0x80, 0x80, 0x80));
    g.setLevelCount(256);
    return g;
}

std::array<QRgb, 256> ColorMaps::table(GradientKind kind)
{
    std::array<QRgb, 256> lut{};
    const auto &s = stops(kind);
    for (int i = 0; i < 256; ++i)
        lut[static_cast<std::size_t>(i)] = 0xff000000u | interpolate(s, i / 255.0);
    return lut;
}

QColor ColorMaps::contrastingText(const QColor &background)
{
    // Relative luminance (sRGB approximated by gamma 2.2); white text below ~0.35.
    auto lin = [](double c) { return std::pow(c, 2.2); };
    const double y = 0.2126 * lin(background.redF()) + 0.7152 * lin(background.greenF()) +
                     0.0722 * lin(background.blueF());
    return y > 0.18 ? QColor(Qt::black) : QColor(Qt::white);
}

QColor ColorMaps::headColor(int head)
{
    static const QRgb bright[] = {0x4477aa, 0xee6677, 0x228833, 0xccbb44,
                                  0x66ccee, 0xaa3377, 0xbbbbbb};
    constexpr int n = static_cast<int>(std::size(bright));
    const int i = ((head % n) + n) % n;
    return QColor::fromRgb(bright[i]);
}

QColor ColorMaps::maskColor(const QColor &background)
{
    return background.lightnessF() > 0.5 ? QColor(0xb0, 0xb0, 0xb0) : QColor(0x5a, 0x5a, 0x5a);
}

} // namespace attn
