"""The training-health view (ui/health.py), shared by every page that trains MLPs."""

TEXT = {
    "health.title": ("Training health: every layer over training", "학습 건강 상태: 학습 내내 층마다"),
    "health.help": (
        "What practitioners look at when a network trains badly (CS231n Lecture 6): per hidden layer and at "
        "about 30 logged steps (denser at the start), the share of saturated units, the share of dead units, "
        "grad:data (the weight gradient's std over the weight's std) and update:data (log10 of the step's "
        "‖ΔW‖ / ‖W‖; about −3, i.e. 10⁻³, is the rule of thumb: red is too large, blue too small). Click a "
        "cell: the histograms and numbers below show that layer at that step.",
        "신경망이 잘 학습하지 않을 때 실무자가 들여다보는 것들입니다(CS231n 강의 6). 은닉층마다, 기록한 약 30개 "
        "스텝(초반일수록 촘촘하게)에서 포화된 유닛의 비율, 죽은 유닛의 비율, grad:data(가중치 기울기의 표준편차 "
        "/ 가중치의 표준편차), update:data(그 스텝 ‖ΔW‖ / ‖W‖의 log10. 경험칙은 약 −3, 곧 10⁻³이며 빨강은 너무 "
        "크고 파랑은 너무 작습니다)를 보여 줍니다. 칸을 누르면 아래 히스토그램과 숫자가 그 층의 그 스텝을 "
        "보여 줍니다."),
    "health.variant": ("Run shown", "보여 줄 실행"),
    "health.step": ("step", "스텝"),
    "health.layer": ("layer", "층"),
    "health.saturated": ("saturated units", "포화된 유닛"),
    "health.dead": ("dead units", "죽은 유닛"),
    "health.act_mean": ("activation mean", "활성값 평균"),
    "health.act_std": ("activation std", "활성값 표준편차"),
    "health.act_grad_std": ("activation-gradient std", "활성값 기울기 표준편차"),
    "health.grad_data": ("grad:data (std ratio)", "grad:data (표준편차 비)"),
    "health.update_data": ("update:data (log10)", "update:data (log10)"),
    "health.hist.activation": ("activations at the selected cell", "선택한 칸의 활성값"),
    "health.hist.gradient": ("activation gradients at the selected cell", "선택한 칸의 활성값 기울기"),
    "health.axis.activation": ("activation value", "활성값"),
    "health.axis.gradient": ("log10 |dL/da|", "log10 |dL/da|"),
    "health.read.saturated": (
        "**{variant}**: layer {layer} has {share} of its units saturated at step {step}: little gradient gets "
        "through them.",
        "**{variant}**: {layer}층은 {step} 스텝에서 유닛의 {share}가 포화되어 기울기가 거의 통과하지 못합니다."),
    "health.read.dead": (
        "**{variant}**: layer {layer} ends with {share} of its units dead (f′(z) = 0 on the whole batch at step "
        "{step}): they no longer learn.",
        "**{variant}**: {layer}층은 유닛의 {share}가 죽은 채로 끝납니다({step} 스텝에서 배치 전체에 대해 "
        "f′(z) = 0). 더는 학습하지 않습니다."),
    "health.read.update_high": (
        "**{variant}**: update:data is 10^{value}, far above 10⁻³: the steps are large for the weights; lower "
        "the learning rate.",
        "**{variant}**: update:data가 10^{value}로 10⁻³보다 훨씬 큽니다. 가중치에 비해 스텝이 크니 학습률을 "
        "낮추세요."),
    "health.read.update_low": (
        "**{variant}**: update:data is 10^{value}, far below 10⁻³: the weights barely move; raise the learning "
        "rate.",
        "**{variant}**: update:data가 10^{value}로 10⁻³보다 훨씬 작습니다. 가중치가 거의 움직이지 않으니 학습률을 "
        "높이세요."),
    "health.read.update_ok": (
        "**{variant}**: update:data is 10^{value}, near the 10⁻³ rule of thumb.",
        "**{variant}**: update:data가 10^{value}로 경험칙 10⁻³에 가깝습니다."),
}
