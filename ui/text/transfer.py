"""Transfer Learning page (CS231n Lecture 7, "Transfer learning with CNNs"; the 2x2 table is from its slides)."""

_HEAD_EN = '''import torch
from torch import nn
from torchvision.models import resnet18, ResNet18_Weights

weights = ResNet18_Weights.IMAGENET1K_V1       # fetched once, then read from the local cache
model = resnet18(weights=weights)
preprocess = weights.transforms()               # the resize, crop and normalization used in pretraining
'''
_HEAD_KO = '''import torch
from torch import nn
from torchvision.models import resnet18, ResNet18_Weights

weights = ResNet18_Weights.IMAGENET1K_V1       # 한 번 내려받은 뒤 로컬 캐시에서 읽음
model = resnet18(weights=weights)
preprocess = weights.transforms()               # 사전 학습 때 쓴 크기 조정, 자르기, 정규화
'''
_BN_TAIL_EN = '''
def train_mode(model):
    model.train()
    for m in model.modules():                   # frozen BatchNorm must not update its running statistics
        if isinstance(m, nn.BatchNorm2d) and not m.weight.requires_grad:
            m.eval()
'''
_BN_TAIL_KO = '''
def train_mode(model):
    model.train()
    for m in model.modules():                   # 얼린 BatchNorm은 이동 통계도 바꾸면 안 됨
        if isinstance(m, nn.BatchNorm2d) and not m.weight.requires_grad:
            m.eval()
'''
_LINEAR = ('''
for p in model.parameters():                    # freeze every pretrained weight
    p.requires_grad = False
model.fc = nn.Linear(model.fc.in_features, {classes})   # a new head (trainable: new layers are)
optimizer = torch.optim.Adam(model.fc.parameters(), lr={lrh})
''', '''
for p in model.parameters():                    # 사전 학습된 가중치를 모두 얼림
    p.requires_grad = False
model.fc = nn.Linear(model.fc.in_features, {classes})   # 새 헤드 (새로 만든 층은 학습됨)
optimizer = torch.optim.Adam(model.fc.parameters(), lr={lrh})
''')
_TOP = ('''
for p in model.parameters():                    # freeze everything ...
    p.requires_grad = False
for p in model.layer4.parameters():             # ... except the top block
    p.requires_grad = True
model.fc = nn.Linear(model.fc.in_features, {classes})
optimizer = torch.optim.Adam([
    {{"params": model.layer4.parameters(), "lr": {lrb}}},   # pretrained: small steps
    {{"params": model.fc.parameters(), "lr": {lrh}}},       # new: larger steps
])
''', '''
for p in model.parameters():                    # 모두 얼리고 ...
    p.requires_grad = False
for p in model.layer4.parameters():             # ... 맨 위 블록만 풂
    p.requires_grad = True
model.fc = nn.Linear(model.fc.in_features, {classes})
optimizer = torch.optim.Adam([
    {{"params": model.layer4.parameters(), "lr": {lrb}}},   # 사전 학습됨: 작은 보폭
    {{"params": model.fc.parameters(), "lr": {lrh}}},       # 새 층: 큰 보폭
])
''')
_ALL = ('''
model.fc = nn.Linear(model.fc.in_features, {classes})
backbone = [p for name, p in model.named_parameters() if not name.startswith("fc.")]
optimizer = torch.optim.Adam([
    {{"params": backbone, "lr": {lrb}}},                    # every pretrained layer, gently
    {{"params": model.fc.parameters(), "lr": {lrh}}},       # the new head, faster
])
''', '''
model.fc = nn.Linear(model.fc.in_features, {classes})
backbone = [p for name, p in model.named_parameters() if not name.startswith("fc.")]
optimizer = torch.optim.Adam([
    {{"params": backbone, "lr": {lrb}}},                    # 사전 학습된 모든 층을 살살
    {{"params": model.fc.parameters(), "lr": {lrh}}},       # 새 헤드는 더 빠르게
])
''')


def _code(body, bn=True):
    return (_HEAD_EN + body[0] + (_BN_TAIL_EN if bn else ""), _HEAD_KO + body[1] + (_BN_TAIL_KO if bn else ""))


TEXT = {
    "transfer.q.best": ("With this target and this many labels per class, which strategy will reach the best test "
                        "accuracy?", "이 타깃 작업과 클래스당 이만큼의 레이블이면 어느 전략이 가장 높은 테스트 정확도에 이를까요?"),
    "transfer.nav": ("Transfer learning", "전이 학습"),
    "transfer.legend.all": ("all", "전체"),  # every labeled image of the split
    "transfer.oneline": ("Reuse a pretrained CNN: freeze it and train a head, or fine-tune it; which wins depends on data.",
                         "사전 학습된 CNN을 다시 쓰기: 얼리고 헤드만 학습할지, 미세 조정할지는 데이터에 달렸습니다."),
    "transfer.title": ("Transfer learning", "전이 학습"),
    "transfer.intro": (
        "Lecture 7 says you rarely train a ConvNet from scratch: take a network pretrained on a large dataset, "
        "then either freeze it and train a new linear head (a feature extractor) or fine-tune some or all of it "
        "with a smaller learning rate. Which one to pick depends on how much data you have and how similar it is "
        "to the pretraining data. Nothing is downloaded here: the lab pretrained its own small CNN (part 1) on "
        "generated pen strokes, and every part below measures the claims with it.",
        "강의 7은 ConvNet을 처음부터 학습하는 일은 드물다고 말합니다. 큰 데이터셋으로 사전 학습된 신경망을 가져와 "
        "얼린 채 새 선형 헤드만 학습하거나(특징 추출기), 일부 또는 전부를 더 작은 학습률로 미세 조정합니다. 무엇을 "
        "고를지는 데이터의 양과 사전 학습 데이터와의 유사도에 달렸습니다. 여기서는 아무것도 내려받지 않습니다. "
        "이 실험실이 생성한 펜 획 이미지로 작은 CNN을 직접 사전 학습했고(1부), 아래 각 부분이 그것으로 주장을 "
        "측정합니다."),
    # fields
    "transfer.f.examples": ("Source images per class", "클래스당 소스 이미지 수"),
    "transfer.f.target": ("Target task", "타깃 작업"),
    "transfer.f.labels": ("Labeled images per class", "클래스당 레이블 이미지 수"),
    "transfer.f.strategies": ("Strategies", "전략"),
    "transfer.f.lr_head": ("Head learning rate", "헤드 학습률"),
    "transfer.f.lr_backbone": ("Backbone learning rate (fine-tuning)", "백본 학습률 (미세 조정)"),
    "transfer.f.sizes": ("Labels per class to try", "시험할 클래스당 레이블 수"),
    "transfer.f.seeds": ("Seeds (splits) to average", "평균할 시드(분할) 수"),
    "transfer.f.little": ("'Little data': labels per class", "'적은 데이터': 클래스당 레이블 수"),
    "transfer.f.lots": ("'Lots of data': labels per class", "'많은 데이터': 클래스당 레이블 수"),
    "transfer.f.batch_size": ("Batch size", "배치 크기"),
    "transfer.f.layer": ("Features from", "특징을 뽑을 층"),
    "transfer.f.points": ("Images shown", "보여 줄 이미지 수"),
    "transfer.f.strategy": ("Strategy", "전략"),
    "transfer.f.classes": ("Classes of your task", "내 작업의 클래스 수"),
    "transfer.axis.test": ("test accuracy", "테스트 정확도"),
    "transfer.axis.per_class": ("labeled images per class (log scale)", "클래스당 레이블 이미지 수 (로그 축)"),
    "transfer.axis.class": ("class", "클래스"),
    # 1. backbone
    "transfer.backbone.name": ("1 · The backbone", "1 · 백본"),
    "transfer.backbone.claim": (
        "The pretraining data: 8x8 drawings made by a program, never scikit-learn's digits (the target): the "
        "digits 0-9, each written in two to four hands, plus pen shapes (bars, crosses, boxes, rings, ...) and "
        "random pen paths as extra classes. Every image gets a random size, slant, rotation, shift, stroke "
        "width, contrast and a smooth elastic distortion. The network: three conv3x3 → BatchNorm → ReLU blocks "
        "(16, 32, 64 channels). `python -m core.pretrain` rebuilds the weights file exactly.",
        "사전 학습 데이터: 프로그램이 그린 8x8 그림이며, 타깃인 scikit-learn 숫자는 쓰지 않습니다. 숫자 0-9를 "
        "숫자마다 두 가지에서 네 가지 필체로 그리고, 펜 도형(막대, 십자, 상자, 고리 등)과 무작위 펜 경로를 클래스로 "
        "더했습니다. 이미지마다 크기, 기울기, 회전, 위치, 획 두께, 명암이 무작위이고 부드러운 탄성 왜곡이 "
        "더해집니다. 신경망: conv3x3 → BatchNorm → ReLU 블록 세 개 (채널 16, 32, 64). `python -m core.pretrain`으로 "
        "가중치 파일을 그대로 다시 만들 수 있습니다."),
    "transfer.backbone.filters": ("First-layer filters (red +, blue −)", "첫 층 필터 (빨강 +, 파랑 −)"),
    "transfer.fact.train_images": ("training images", "학습 이미지"),
    "transfer.fact.test_images": ("test images", "테스트 이미지"),
    "transfer.fact.epochs": ("epochs", "에폭"),
    "transfer.fact.steps": ("optimizer steps", "옵티마이저 단계"),
    "transfer.fact.train_seconds": ("training time (s)", "학습 시간 (초)"),
    "transfer.fact.data_seconds": ("data generation time (s)", "데이터 생성 시간 (초)"),
    "transfer.fact.source_accuracy": ("test accuracy on the source task", "소스 과제 테스트 정확도"),
    "transfer.fact.parameters": ("parameters", "파라미터 수"),
    "transfer.fact.classes": ("source classes", "소스 클래스 수"),
    "transfer.fact.file_kb": ("weights file (kB)", "가중치 파일 (kB)"),
    "transfer.backbone.samples": ("Source images, one or more per class", "소스 이미지, 클래스마다 하나 이상"),
    "transfer.backbone.notice": (
        "Pretrained on {images} generated images of {classes} classes in {seconds} s on one CPU core; it labels "
        "{acc} of {test} fresh source images correctly. {params} parameters, a {kb} kB file. The first-layer "
        "filters are small edge and bar detectors in several orientations.",
        "{classes}개 클래스의 생성 이미지 {images}장으로 CPU 코어 하나에서 {seconds}초 동안 사전 학습했고, 새 "
        "소스 이미지 {test}장 중 {acc}[을] 맞힙니다. 파라미터 {params}개, 파일 {kb} kB입니다. 첫 층 필터는 여러 "
        "방향의 작은 모서리·막대 검출기입니다."),
    # 2. targets
    "transfer.targets.name": ("2 · Targets", "2 · 타깃"),
    "transfer.targets.claim": (
        "Two target tasks with the same ten labels. Handwritten digits (scikit-learn's 1,797 8x8 scans) are "
        "similar to the source: strokes. The shuffled digits move every pixel to another place by one fixed "
        "permutation: the information is all there, but no stroke is left for pretrained filters to find. 30% of "
        "each class is held out for testing; training uses only the first few labeled images per class.",
        "레이블이 같은 열 개인 타깃 작업 두 가지입니다. 손글씨 숫자(scikit-learn의 8x8 스캔 1,797장)는 소스와 "
        "비슷합니다: 획입니다. 섞은 숫자는 고정된 순열 하나로 모든 픽셀을 다른 자리로 옮깁니다. 정보는 그대로지만 "
        "사전 학습된 필터가 찾을 획은 남지 않습니다. 각 클래스의 30%는 테스트용으로 떼어 두고, 학습에는 클래스마다 "
        "처음 몇 장의 레이블 이미지만 씁니다."),
    "transfer.targets.samples": ("Labeled training images (up to 5 per class)", "레이블이 있는 학습 이미지 (클래스당 최대 5장)"),
    "transfer.targets.notice": (
        "{target}: {n} labeled training images, {test} test images. With no target labels at all, the source "
        "network's own digit-template classes already read {zero} of these images correctly (10% is chance).",
        "{target}: 레이블 학습 이미지 {n}장, 테스트 이미지 {test}장. 타깃 레이블이 하나도 없어도 소스 신경망의 "
        "숫자 견본 클래스가 이 이미지의 {zero}[을] 이미 맞힙니다 (우연이면 10%)."),
    # 3. strategies
    "transfer.strategies.name": ("3 · Five strategies", "3 · 다섯 가지 전략"),
    "transfer.strategies.claim": (
        "Twin runs on one split: the same labeled images, test set, new-head initialization and batch order. "
        "From scratch trains the whole CNN from random weights; the linear probes train only a new head on "
        "frozen features, computed once and cached (top block, or block 2); fine-tune top retrains block 3 and "
        "the head; fine-tune all retrains everything, the backbone with its own, smaller learning rate.",
        "한 분할 위의 쌍둥이 실행입니다: 같은 레이블 이미지, 테스트 세트, 새 헤드 초기화, 배치 순서. 처음부터는 "
        "무작위 가중치에서 CNN 전체를 학습하고, 선형 프로브는 한 번 계산해 캐시한 얼린 특징(맨 위 블록 또는 "
        "블록 2) 위에 새 헤드만 학습합니다. 위층 미세 조정은 블록 3과 헤드를, 전체 미세 조정은 모두를 다시 "
        "학습하되 백본은 따로 더 작은 학습률을 씁니다."),
    "transfer.preset.similar_little": ("Similar, little data", "비슷함, 적은 데이터"),
    "transfer.preset.different_little": ("Different, little data", "다름, 적은 데이터"),
    "transfer.preset.similar_lots": ("Similar, lots of data", "비슷함, 많은 데이터"),
    "transfer.preset.different_lots": ("Different, lots of data", "다름, 많은 데이터"),
    "transfer.strategies.curve": ("Test accuracy during training", "학습 중 테스트 정확도"),
    "transfer.strategies.bar": ("Final test accuracy", "최종 테스트 정확도"),
    "transfer.strategies.notice": (
        "With {labels} labels per class on {target}, the best strategy was {best} at {acc}. The linear probe "
        "minus from scratch: {margin} points (one seed; part 4 averages several).",
        "{target}에서 클래스당 레이블 {labels}개일 때 가장 좋은 전략은 {best}, {acc}였습니다. 선형 프로브에서 "
        "처음부터를 뺀 값: {margin}%p (시드 하나; 4부에서 여러 시드를 평균합니다)."),
    # 4. curves
    "transfer.curves.name": ("4 · Learning curves", "4 · 학습 곡선"),
    "transfer.curves.claim": (
        "Test accuracy against the number of labeled images per class, for every strategy, averaged over seeds "
        "(each seed draws its own split and head); the band spans the lowest to the highest seed.",
        "클래스당 레이블 이미지 수에 따른 테스트 정확도를 전략마다 시드 평균으로 그립니다 (시드마다 분할과 헤드를 "
        "새로 뽑음). 띠는 가장 낮은 시드부터 가장 높은 시드까지입니다."),
    "transfer.curves.chart": ("Test accuracy vs labeled images per class", "클래스당 레이블 수에 따른 테스트 정확도"),
    "transfer.curves.notice": (
        "With {small} labels per class the best was {best_small} ({acc_small}); with {large} per class, "
        "{best_large} ({acc_large}). Means over {seeds} seed(s): where the curves meet, pretraining stops mattering.",
        "클래스당 레이블 {small}개일 때 최고는 {best_small} ({acc_small}), {large}개일 때는 {best_large} ({acc_large})"
        "였습니다. 시드 {seeds}개 평균입니다. 곡선이 만나는 곳에서 사전 학습은 더 이상 중요하지 않습니다."),
    # 5. table
    "transfer.table.name": ("5 · The 2x2 table, measured", "5 · 2x2 표, 직접 재기"),
    "transfer.table.claim": (
        "The lecture's advice: similar data, little of it → a linear classifier on the top layer; similar, lots → "
        "fine-tune a few layers; different, little → a linear classifier from an earlier stage (and you are in "
        "trouble); different, lots → fine-tune many layers. Here every strategy runs in every cell; the table "
        "shows the winner, its margin over the runner-up, and the advised strategy's gap to the winner.",
        "강의의 조언: 비슷하고 적은 데이터 → 맨 위 층에 선형 분류기, 비슷하고 많음 → 몇 개 층 미세 조정, 다르고 "
        "적음 → 더 앞 단계의 특징에 선형 분류기(그래도 어렵다), 다르고 많음 → 많은 층 미세 조정. 여기서는 모든 "
        "전략을 모든 칸에서 돌려, 우승 전략, 2등과의 차이, 조언된 전략이 우승자와 얼마나 차이 나는지를 보여 줍니다."),
    "transfer.table.chart": ("Best strategy per cell (color: its test accuracy)", "칸마다 가장 좋은 전략 (색: 테스트 정확도)"),
    "transfer.table.similar": ("similar (digits)", "비슷함 (숫자)"),
    "transfer.table.different": ("different (shuffled)", "다름 (섞은 숫자)"),
    "transfer.table.little": ("little ({n} per class)", "적음 (클래스당 {n})"),
    "transfer.table.lots": ("lots ({n} per class)", "많음 (클래스당 {n})"),
    "transfer.table.agree": ("agrees", "일치"),
    "transfer.table.disagree": ("disagrees", "불일치"),
    "transfer.table.none": ("none", "없음"),
    "transfer.table.notice": (
        "The measurement agrees with the lecture in {agree} of 4 cells (advice within the seeds' spread of the "
        "winner, {seeds} seed(s)). Disagreements: {off}. On a network this small, training from scratch is "
        "cheap and strong, and fine-tuning everything with a small backbone rate rarely hurts.",
        "측정은 4칸 중 {agree}칸에서 강의와 일치합니다 (조언된 전략이 우승자와 시드 편차 안, 시드 {seeds}개). "
        "불일치: {off}. 이렇게 작은 신경망에서는 처음부터 학습하는 비용이 싸고 성능도 좋으며, 백본 학습률을 작게 "
        "한 전체 미세 조정은 좀처럼 손해를 보지 않습니다."),
    # 6. pca
    "transfer.pca.name": ("6 · What the features look like", "6 · 특징의 모습"),
    "transfer.pca.claim": (
        "The target images pushed through the pretrained backbone and through a randomly initialized one with "
        "the same architecture, projected onto their first two principal components and colored by class. No "
        "training on the target happens here.",
        "타깃 이미지를 사전 학습된 백본과, 구조가 같고 무작위로 초기화된 백본에 각각 통과시킨 뒤 첫 두 주성분에 "
        "투영하고 클래스별로 색칠했습니다. 여기서는 타깃으로 전혀 학습하지 않습니다."),
    "transfer.pca.chart": ("Features in 2-D (PCA), by class", "2차원으로 본 특징 (PCA), 클래스별"),
    "transfer.pca.notice": (
        "On {target}, assigning each image to the nearest class mean of the features (all dimensions, no "
        "training) is right for {pre} with pretrained features and {rnd} with random ones.",
        "{target}에서 각 이미지를 특징의 가장 가까운 클래스 평균에 배정하면 (모든 차원, 학습 없음) 사전 학습된 "
        "특징으로는 {pre}, 무작위 특징으로는 {rnd}[이] 맞습니다."),
    # 7. bn
    "transfer.bn.name": ("7 · The frozen-BatchNorm pitfall", "7 · 얼린 BatchNorm의 함정"),
    "transfer.bn.claim": (
        "Freeze the backbone (requires_grad = False) and train a new head. If the model is still in train mode, "
        "BatchNorm normalizes with each batch's statistics and keeps updating its running mean and variance: the "
        "frozen backbone changes anyway. The fix: put the frozen BatchNorm layers in eval mode whenever the model "
        "is put in train mode.",
        "백본을 얼리고(`requires_grad = False`) 새 헤드를 학습합니다. 모델이 여전히 학습 모드라면 BatchNorm은 배치마다 "
        "그 배치의 통계로 정규화하고 이동 평균과 이동 분산을 계속 갱신합니다. 얼렸다는 백본이 결국 바뀝니다. 해결책: "
        "모델을 학습 모드로 바꿀 때마다 얼린 BatchNorm 층은 평가 모드로 둡니다."),
    "transfer.bn.chart": ("BatchNorm running mean per channel: before vs after training the head",
                          "채널별 BatchNorm 이동 평균: 헤드 학습 전 대 후"),
    "transfer.bn.before": ("before", "전"),
    "transfer.bn.after": ("after", "후"),
    "transfer.bn.code": (
        "for p in backbone.parameters():\n    p.requires_grad = False       # weights frozen ...\n"
        "model.train()                     # ... but BatchNorm would still update its running stats\n"
        "backbone.eval()                   # the fix: frozen BatchNorm uses (and keeps) its stored stats",
        "for p in backbone.parameters():\n    p.requires_grad = False       # 가중치는 얼렸지만 ...\n"
        "model.train()                     # ... BatchNorm은 여전히 이동 통계를 갱신함\n"
        "backbone.eval()                   # 해결책: 얼린 BatchNorm은 저장된 통계를 쓰고 지킴"),
    "transfer.bn.notice": (
        "In both runs the backbone's weights changed by at most {w} (bit-identical), yet in train mode its "
        "running statistics moved by up to {shift} and its features on the target by up to {drift}: the cached "
        "features no longer match the network. With the source head it now gets {src} of fresh source images "
        "right, against {src_fix} with the fix.",
        "두 실행 모두 백본 가중치의 변화는 최대 {w}입니다 (비트 단위로 같음). 그런데 학습 모드에서는 이동 통계가 "
        "최대 {shift}, 타깃에 대한 특징이 최대 {drift}만큼 움직였습니다. 캐시한 특징은 더 이상 신경망과 맞지 "
        "않습니다. 소스 헤드로 새 소스 이미지를 맞히는 비율은 {src}[로], 해결책을 쓴 경우의 {src_fix}[과] 다릅니다."),
    # 8. imagenet
    "transfer.imagenet.name": ("8 · With a real ImageNet model", "8 · 진짜 ImageNet 모델로"),
    "transfer.imagenet.claim": (
        "The same recipes with torchvision's ResNet-18 pretrained on ImageNet (shown, not run here: it needs a "
        "download and a GPU is welcome). The chart shows which of its 11.7 million parameters each recipe trains.",
        "같은 방법을 ImageNet으로 사전 학습된 torchvision의 ResNet-18로 하면 이렇습니다 (여기서 실행하지는 "
        "않습니다: 내려받아야 하고 GPU가 있으면 좋습니다). 그래프는 1,170만 개 파라미터 중 각 방법이 무엇을 "
        "학습하는지 보여 줍니다."),
    "transfer.imagenet.code.linear": _code(_LINEAR),
    "transfer.imagenet.code.finetune_top": _code(_TOP),
    "transfer.imagenet.code.finetune_all": _code(_ALL, bn=False),
    "transfer.imagenet.chart": ("ResNet-18 parameters by stage (True: trained)", "단계별 ResNet-18 파라미터 (`True`: 학습됨)"),
    "transfer.imagenet.notice": (
        "{strategy} trains {n} of {total} parameters ({share}). The smaller the share, the less labeled data it "
        "needs, and the less it can adapt.",
        "{strategy}[은] 파라미터 {total}개 중 {n}개({share})를 학습합니다. 비율이 작을수록 필요한 레이블 데이터가 "
        "적고, 적응할 수 있는 폭도 작습니다."),
}
