/**
 * The patient education library: short handouts in plain language (about a 6th-grade
 * reading level: short sentences, everyday words), written for this app in our own words.
 * Each has a stable id: what the record of giving it names.
 */
export type HandoutId = 'collaborative-care' | 'depression' | 'anxiety' | 'starting-antidepressant' | 'behavioral-activation' | 'crisis-card';

export interface Handout {
  readonly id: HandoutId;
  readonly title: string;
  /** One line for the list. */
  readonly summary: string;
  readonly paragraphs: readonly string[];
}

export const HANDOUTS: readonly Handout[] = [
  {
    id: 'collaborative-care',
    title: 'Your care team: what collaborative care is',
    summary: 'Who is on the team and how it works',
    paragraphs: [
      'Your primary care provider (PCP) is still your main doctor. A care manager joins your care. They call or meet you often, ask how you feel, and help you with your plan.',
      'A psychiatric consultant (a doctor who treats mood and worry) looks at how you are doing with your care manager each week. They give your PCP ideas when treatment needs a change.',
      'You fill in a short questionnaire, like the PHQ-9, at most visits. Your team uses your answers to see if treatment is working. If you are not getting better, the team changes the plan.',
      'You are the most important part of the team. Tell us what matters to you and what gets in the way.',
    ],
  },
  {
    id: 'depression',
    title: 'Depression',
    summary: 'What it is and that it can be treated',
    paragraphs: [
      'Depression is a common health problem. It is not a weakness and it is not your fault.',
      'It can make you feel sad, empty or cranky most days. You may lose interest in things you used to enjoy. Sleep, appetite and energy can change. It can be hard to think or decide.',
      'Depression can be treated. Talking treatments, medicine, or both help most people. It often takes a few weeks to feel better, and it helps to keep going even on bad days.',
      'Small steps count: a short walk, a call with a friend, a regular bedtime.',
    ],
  },
  {
    id: 'anxiety',
    title: 'Anxiety',
    summary: 'When worry gets in the way, and what helps',
    paragraphs: [
      'Everyone worries sometimes. With an anxiety disorder, worry is strong, hard to stop, and gets in the way of daily life.',
      'You may feel tense, restless or on edge. Your heart may race. You may have trouble sleeping or focusing.',
      'Anxiety can be treated. Learning skills to calm your body and your thoughts helps. Some people also take medicine. Your care manager can practice these skills with you.',
    ],
  },
  {
    id: 'starting-antidepressant',
    title: 'Starting an antidepressant',
    summary: 'What to expect in the first weeks',
    paragraphs: [
      'Take your medicine every day, even when you feel better. Most people start to feel better in 2 to 6 weeks.',
      'Some people have side effects at first, like an upset stomach, headache or sleep changes. These often get better in 1 to 2 weeks. Tell your care manager about any side effects.',
      'Do not stop the medicine on your own. Stopping suddenly can make you feel sick. Your PCP can help you change or stop it safely.',
      'If you have thoughts of hurting yourself, call or text 988 right away.',
    ],
  },
  {
    id: 'behavioral-activation',
    title: 'Doing more of what matters (behavioral activation)',
    summary: 'Small planned activities that lift mood',
    paragraphs: [
      'When we feel down, we tend to do less. Doing less can make us feel worse. Behavioral activation breaks this cycle.',
      'With your care manager, pick a few small activities that you enjoy or that matter to you. Plan when you will do them. Start small: a 10-minute walk is a good start.',
      'Write down what you did and how you felt. Over time, add more. Mood often follows action.',
    ],
  },
  {
    id: 'crisis-card',
    title: 'Crisis card: 988',
    summary: 'Who to reach at any hour',
    paragraphs: [
      'If you are thinking about hurting yourself, or you feel you cannot stay safe: call or text 988, or chat at 988lifeline.org. It is free and open every day, day and night.',
      'In an emergency, or if you cannot stay safe right now: call 911 or go to the nearest emergency room.',
      'You can also call your care team during office hours. Keep this card where you can find it.',
    ],
  },
];

export function handoutById(id: string): Handout | undefined {
  return HANDOUTS.find((h) => h.id === id);
}
