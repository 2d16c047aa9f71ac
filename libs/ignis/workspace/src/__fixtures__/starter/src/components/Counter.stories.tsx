import { Counter } from './Counter';

export default { title: 'Starter/Counter', component: Counter };

export const Default = { args: { label: 'Clicks' } };
export const StartsAtTen = { args: { label: 'Score', initial: 10 } };
