#include "train/traininghistory.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace attn {

TrainingHistory::TrainingHistory(std::size_t maxPoints) : m_max(std::max<std::size_t>(maxPoints, 4))
{
}

bool TrainingHistory::Point::evaluated() const
{
    return std::isfinite(valLoss);
}

void TrainingHistory::add(const TrainReport &r)
{
    Point p;
    p.step = r.step;
    p.loss = r.loss;
    p.valLoss = r.valLoss;
    p.lr = r.lr;
    p.gradNorm = r.gradNorm;
    p.accuracy = std::isnan(r.valAccuracy) ? r.accuracy : r.valAccuracy;
    m_last = p;
    m_haveLast = true;
    m_lastKept = p.step % m_stride == 0 || p.evaluated();
    if (!m_lastKept)
        return;
    m_points.push_back(p);
    if (m_points.size() > m_max)
        thin();
}

void TrainingHistory::clear()
{
    m_points.clear();
    m_stride = 1;
    m_haveLast = false;
    m_lastKept = true;
}

void TrainingHistory::restore(const nlohmann::json &j)
{
    clear();
    if (!j.is_object() || !j.contains("step") || !j["step"].is_array())
        return;
    const nlohmann::json &steps = j["step"];
    const auto value = [&](const char *key, std::size_t i) {
        const auto it = j.find(key);
        if (it == j.end() || !it->is_array() || i >= it->size() || !(*it)[i].is_number())
            return std::nan("");
        return (*it)[i].get<double>();
    };
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (!steps[i].is_number_integer())
            continue;
        TrainReport r;
        r.step = steps[i].get<long long>();
        if (m_haveLast && r.step <= m_last.step)
            continue; // steps only go forward
        r.loss = value("loss", i);
        r.valLoss = value("val_loss", i);
        r.lr = static_cast<float>(value("lr", i));
        r.gradNorm = value("grad_norm", i);
        r.accuracy = value("accuracy", i);
        add(r);
    }
}

void TrainingHistory::thin()
{
    m_stride *= 2;
    const auto offStride = [&](const Point &p) { return p.step % m_stride != 0; };
    const auto evaluated = static_cast<std::size_t>(std::count_if(
        m_points.begin(), m_points.end(), [](const Point &p) { return p.evaluated(); }));
    const bool keepEvaluated = evaluated <= m_max / 2;
    std::erase_if(m_points, [&](const Point &p) {
        return offStride(p) && !(keepEvaluated && p.evaluated());
    });
}

nlohmann::json TrainingHistory::toJson() const
{
    std::vector<Point> points = m_points;
    if (m_haveLast && !m_lastKept)
        points.push_back(m_last);
    const auto column = [&](double Point::*member) {
        nlohmann::json a = nlohmann::json::array();
        for (const Point &p : points)
            a.push_back(std::isfinite(p.*member) ? nlohmann::json(p.*member) : nlohmann::json());
        return a;
    };
    nlohmann::json steps = nlohmann::json::array();
    for (const Point &p : points)
        steps.push_back(p.step);
    nlohmann::json j;
    j["step"] = std::move(steps);
    j["loss"] = column(&Point::loss);
    j["val_loss"] = column(&Point::valLoss);
    j["lr"] = column(&Point::lr);
    j["grad_norm"] = column(&Point::gradNorm);
    j["accuracy"] = column(&Point::accuracy);
    return j;
}

} // namespace attn
