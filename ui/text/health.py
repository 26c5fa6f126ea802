"""The training-health view (ui/health.py), shared by every page that trains MLPs."""

TEXT = {
    "health.title": ("Training health: every layer over training", "학습 건강 상태: 학습 내내 층마다"),
    "health.help": (
        "What practitioners look at when a network trains badly (CS231n Lecture 6), for each hidden layer (rows) "
        "at {steps} logged steps (columns, denser at the start): the share of saturated units, the share of dead "
        "units, grad:data (the weight gradient's std over the weight's std, on a log scale) and update:data (the "
        "step's ‖ΔW‖ / ‖W‖; the rule of thumb is about 10⁻³: white is near it, red larger, blue smaller). Click a "
        "cell: the numbers and histograms below show that layer at that step, and the page's link keeps the cell.",
        "신경망이 잘 학습하지 않을 때 실무자가 들여다보는 것들입니다(CS231n 강의 6). 은닉층마다(행), 기록한 "
        "{steps}개 단계(열, 초반일수록 촘촘하게)에서 포화된 유닛의 비율, 죽은 유닛의 비율, 그래디언트:가중치 비(가중치 그래디언트의 "
        "표준편차 / 가중치의 표준편차, 로그 눈금), 갱신:가중치 비(그 단계의 ‖ΔW‖ / ‖W‖. 경험칙은 약 10⁻³이며 흰색이 "
        "그 근처, 빨강은 더 크고 파랑은 더 작습니다)를 보여 줍니다. 칸을 누르면 아래 숫자와 히스토그램이 그 층의 "
        "그 단계를 보여 주고, 페이지 링크에 그 칸이 담깁니다."),
    "health.variant": ("Run shown", "보여 줄 실행"),
    "health.one_run": (
        "This grid trained {n} runs. To keep its result small, health is recorded for the run picked below only: "
        "picking one trains it again, with the same seeds, so its numbers are the grid's.",
        "이 격자는 {n}개 실행을 학습했습니다. 결과를 작게 유지하려고 아래에서 고른 실행의 건강 상태만 기록합니다. "
        "실행을 고르면 같은 시드로 다시 학습하므로 숫자는 격자의 것과 같습니다."),
    "health.download": ("Download the histograms (CSV)", "히스토그램 내려받기 (CSV)"),
    "health.step": ("step", "단계"),
    "health.layer": ("layer", "층"),
    "health.layer_n": ("layer {n}", "{n}층"),
    "health.cell": ("The selected cell", "선택한 칸"),
    "health.map.saturated": ("saturated units", "포화된 유닛"),
    "health.map.dead": ("dead units", "죽은 유닛"),
    "health.map.grad_data": ("grad:data", "그래디언트:가중치"),
    "health.map.update_data": ("update:data", "갱신:가중치"),
    "health.saturated": ("saturated units", "포화된 유닛"),
    "health.dead": ("dead units", "죽은 유닛"),
    "health.act_mean": ("activation mean", "활성값 평균"),
    "health.act_std": ("activation std", "활성값 표준편차"),
    "health.act_grad_std": ("activation-gradient std", "활성값 그래디언트 표준편차"),
    "health.grad_data": ("grad:data (std ratio)", "그래디언트:가중치 (표준편차 비)"),
    "health.update_data": ("update:data (log10)", "갱신:가중치 (log10)"),
    "health.hist.activation": ("Activations at the selected cell", "선택한 칸의 활성값"),
    "health.hist.gradient": ("Activation gradients at the selected cell", "선택한 칸의 활성값 그래디언트"),
    "health.axis.activation": ("activation value", "활성값"),
    "health.axis.gradient": ("log10 |dL/da| (exact zeros in the first bar)", "log10 |dL/da| (정확히 0이면 첫 막대)"),
    "health.read.saturated": (
        "Layer {layer} has {share} of its units saturated at step {step}: little gradient gets through them.",
        "{layer}층은 {step} 단계에서 유닛의 {share}[이] 포화되어 그래디언트가 거의 통과하지 못합니다."),
    "health.read.dead": (
        "Layer {layer} ends with {share} of its units dead (f′(z) = 0 on the whole batch at step {step}): they "
        "no longer learn.",
        "{layer}층은 유닛의 {share}[이] 죽은 채로 끝납니다({step} 단계에서 배치 전체에 대해 f′(z) = 0). 더는 "
        "학습하지 않습니다."),
    "health.read.update_high": (
        "The median update:data is $10^{{{value}}}$, far above 10⁻³: the steps are large for the weights; lower the "
        "learning rate.",
        "갱신:가중치 비의 중앙값($10^{{{value}}}$)이 10⁻³보다 훨씬 큽니다. 가중치에 비해 갱신이 크니 학습률을 "
        "낮추세요."),
    "health.read.update_low": (
        "The median update:data is $10^{{{value}}}$, far below 10⁻³: the weights barely move; raise the learning rate.",
        "갱신:가중치 비의 중앙값($10^{{{value}}}$)이 10⁻³보다 훨씬 작습니다. 가중치가 거의 움직이지 않으니 학습률을 "
        "높이세요."),
    "health.read.update_ok": (
        "The median update:data is $10^{{{value}}}$, near the 10⁻³ rule of thumb.",
        "갱신:가중치 비의 중앙값($10^{{{value}}}$)이 경험칙 10⁻³에 가깝습니다."),
}
